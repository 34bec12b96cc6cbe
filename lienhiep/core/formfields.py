"""Form fields for what Vietnamese offices type: day-first dates and number-symbols.

They wrap ``lienhiep.vn`` so every form reads input the same way and explains
a mistake in the same words.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lienhiep.vn import Symbol, format_symbol, parse_date, parse_symbol


class DayFirstDateField(forms.CharField):
    """A date typed as 09/05/2022, 9-5-22, 09.05.2022 (or an ISO date from a picker)."""

    def __init__(self, *, allow_year_only: bool = False, **kwargs: Any) -> None:
        self.allow_year_only = allow_year_only
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return value

    def to_python(self, value: Any) -> datetime.date | int | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            parsed = parse_date(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        typed = (text or "").strip()
        if isinstance(parsed, datetime.date) and typed.isdigit():
            # parse_date reads Excel's serial day numbers, which roster cells hold; a
            # person typing a number means a year.
            message = (
                _("“%(value)s” is not a date or a year: write dd/mm/yyyy or a year (1900–2100).")
                if self.allow_year_only
                else _("“%(value)s” is not a date: write dd/mm/yyyy.")
            )
            raise ValidationError(message % {"value": typed}, code="invalid")
        if isinstance(parsed, int) and not self.allow_year_only:
            raise ValidationError(
                _("Write the whole date (e.g. 09/05/%(year)d), not the year %(year)d alone.")
                % {"year": parsed},
                code="year_only",
            )
        return parsed


class SymbolField(forms.CharField):
    """A document number-symbol, e.g. 137-KH/TU or 05/LHH-VP, stored in canonical form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "137-KH/TU"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            symbol: Symbol = parse_symbol(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        return format_symbol(symbol)
