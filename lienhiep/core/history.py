"""Readable change history ("Lịch sử thay đổi") from django-simple-history records."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import dateformat, timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    subject: str = ""
    changes: list[Change] = field(default_factory=list)
    # Why, where the writer said so (a roster import, its undo), in the site's language.
    reason: str = ""


def _action_label(history_type: str) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[history_type]


class _Display:
    """Turns raw stored values into what a person reads. Foreign keys are named in bulk,
    and only those a change shows: ``want`` each value first, then ``resolve`` once."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.labels: dict[tuple[str, Any], str] = {}
        self.fks = {
            f.attname: f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.attname != "id"
        }
        self._wanted: dict[str, set[Any]] = defaultdict(set)

    def _foreign_key(self, name: str) -> str | None:
        """The attname of the foreign key a change's field name stands for, if it is one."""
        attname = name if name in self.fks else f"{name}_id"
        return attname if attname in self.fks else None

    def want(self, name: str, *values: Any) -> None:
        attname = self._foreign_key(name)
        if attname is not None:
            self._wanted[attname].update(value for value in values if value is not None)

    def resolve(self) -> None:
        for attname, ids in self._wanted.items():
            related = self.fks[attname].related_model
            assert isinstance(related, type)
            for obj in related._default_manager.filter(pk__in=ids):
                self.labels[(attname, obj.pk)] = str(obj)
        self._wanted.clear()

    def field_label(self, name: str) -> str:
        try:
            model_field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        return str(getattr(model_field, "verbose_name", name)).capitalize()

    def value(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        attname = self._foreign_key(name)
        if attname is not None:
            return self.labels.get((attname, value), f"#{value}")
        try:
            model_field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return str(value)
        choices = getattr(model_field, "choices", None)
        if choices:
            return str(dict(choices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return dateformat.format(local, "d/m/Y H:i")
        if isinstance(value, datetime.date):
            return dateformat.format(value, "d/m/Y")
        if isinstance(value, int) and not name.endswith("year"):
            # Counts read as the page writes them (1.200); years never are (1980).
            return number_format(value, force_grouping=True)
        return str(value)


def change_history(
    records_qs: models.QuerySet[Any],
    model: type[models.Model],
    describe: Callable[[Any], str] | None = None,
) -> list[HistoryEntry]:
    """Newest first. Each change lists the fields that differ from the same
    object's previous record; ``describe`` names the object when the records
    cover several objects (a user's role assignments, say)."""
    records = list(records_qs.select_related("history_user").order_by("history_date", "pk"))
    display = _Display(model)
    previous: dict[Any, Any] = {}
    shown: list[tuple[Any, list[Any]]] = []  # each record kept, with its raw changes
    for record in records:
        older = previous.get(record.id)
        previous[record.id] = record
        changes: list[Any] = []
        if record.history_type == "~" and older is not None:
            changes = record.diff_against(older).changes
            if not changes:
                continue
        for change in changes:
            display.want(change.field, change.old, change.new)
        shown.append((record, changes))
    display.resolve()
    entries = [
        HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else _("System"),
            action=_action_label(record.history_type),
            subject=describe(record) if describe else "",
            reason=record.history_change_reason or "",
            changes=[
                Change(
                    field=display.field_label(change.field),
                    old=display.value(change.field, change.old),
                    new=display.value(change.field, change.new),
                )
                for change in changes
            ],
        )
        for record, changes in shown
    ]
    entries.reverse()
    return entries
