"""Dates and number-symbols typed into forms: read the Vietnamese way, refused with a reason."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation

from lienhiep.core.formfields import DayFirstDateField, SymbolField


class DocumentForm(forms.Form):
    symbol = SymbolField()
    issued = DayFirstDateField()
    founded = DayFirstDateField(allow_year_only=True, required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("09/05/2022", datetime.date(2022, 5, 9)),
        ("9-5-2022", datetime.date(2022, 5, 9)),
        ("09.05.2022", datetime.date(2022, 5, 9)),
        ("2022-05-09", datetime.date(2022, 5, 9)),
    ],
)
def test_dates_are_read_day_first(typed: str, expected: datetime.date) -> None:
    form = DocumentForm({"symbol": "137-KH/TU", "issued": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["issued"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2022", "tháng 2 năm 2022 chỉ có 28 ngày"),
        ("hôm qua", "Không hiểu được ngày “hôm qua”"),
        ("2022", "Cần ghi đủ ngày, tháng, năm"),
        ("9/5", "thiếu năm"),
        # A number typed by hand is not an Excel serial day (1850 would be 23/01/1905).
        ("1850", "“1850” không phải ngày hay năm"),
        ("45000", "“45000” không phải ngày hay năm"),
    ],
)
def test_a_wrong_date_is_explained_in_vietnamese(typed: str, message: str) -> None:
    form = DocumentForm({"symbol": "137-KH/TU", "issued": typed})
    assert not form.is_valid()
    assert message in form.errors["issued"][0]


def test_a_number_that_is_no_year_is_refused_where_a_year_is_allowed() -> None:
    form = DocumentForm({"symbol": "137-KH/TU", "issued": "09/05/2022", "founded": "1850"})
    assert not form.is_valid()
    assert form.errors["founded"] == [
        "“1850” không phải ngày hay năm: hãy ghi dd/mm/yyyy hoặc năm (1900–2100)."
    ]


def test_a_wrong_date_is_explained_in_english_on_the_english_site() -> None:
    with translation.override("en"):
        form = DocumentForm({"symbol": "137-KH/TU", "issued": "2022", "founded": "1850"})
        assert not form.is_valid()
        assert form.errors["issued"] == [
            "Write the whole date (e.g. 09/05/2022), not the year 2022 alone."
        ]
        assert form.errors["founded"] == [
            "“1850” is not a date or a year: write dd/mm/yyyy or a year (1900–2100)."
        ]


def test_a_year_alone_is_accepted_where_allowed() -> None:
    form = DocumentForm({"symbol": "137-KH/TU", "issued": "09/05/2022", "founded": "1998"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["founded"] == 1998


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("137-KH/TU", "137-KH/TU"), ("Số: 137 - kh / tu", "137-KH/TU"), ("05/bnv-vp", "05/BNV-VP")],
)
def test_symbols_are_stored_in_canonical_form(typed: str, canonical: str) -> None:
    form = DocumentForm({"symbol": typed, "issued": "09/05/2022"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["symbol"] == canonical


@pytest.mark.parametrize("typed", ["KH/TU", "137/", "abc"])
def test_a_malformed_symbol_is_explained_in_vietnamese(typed: str) -> None:
    form = DocumentForm({"symbol": typed, "issued": "09/05/2022"})
    assert not form.is_valid()
    error = str(form.errors["symbol"][0])
    assert error.startswith(f"Số, ký hiệu “{typed}”"), error
    assert "137-KH/TU" in error


def test_a_date_is_shown_back_day_first() -> None:
    form = DocumentForm(initial={"issued": datetime.date(2022, 5, 9)})
    assert 'value="09/05/2022"' in str(form["issued"])


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("issued", "31/02/2022", "The date “31/02/2022” is not valid: month 2 of 2022 has only 28"),
        ("issued", "hôm qua", "Cannot read the date “hôm qua”: type it as day/month/year"),
        ("issued", "9/5", "The date “9/5” has no year"),
        ("symbol", "KH/TU", "The number and symbol “KH/TU” does not begin with the document"),
        ("symbol", "12 34/QĐ", "Cannot read the number and symbol “12 34/QĐ”: type it as 137-KH/"),
    ],
)
def test_the_same_mistakes_are_explained_in_english_to_an_english_user(
    field: str, typed: str, message: str
) -> None:
    data = {"symbol": "137-KH/TU", "issued": "09/05/2022"} | {field: typed}
    with translation.override("en"):
        form = DocumentForm(data)
        assert not form.is_valid()
        assert message in str(form.errors[field][0])
