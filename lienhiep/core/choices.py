"""Lists a user picks from, in Vietnamese alphabetical order.

Neither SQLite nor a default PostgreSQL collation sorts Vietnamese: ``ORDER BY name``
puts "Hội Châm cứu" before "Hội Cầu đường" and "Xã Bum Nưa" before "Xã Bình Lư". The
lists are short (a province's associations, its communes), so they are sorted in
Python with ``lienhiep.vn.collation_key``, as the association list is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django import forms
from django.forms.models import ModelChoiceIterator

from lienhiep.vn import collation_key

T = TypeVar("T")


def in_vietnamese_order(items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:
    """``items`` sorted by their ``name`` in Vietnamese alphabetical order."""
    return sorted(items, key=lambda item: collation_key(name(item)))


class _VietnameseOrderIterator(ModelChoiceIterator):
    """The field's choices, the empty one first, the others by their label."""

    def __iter__(self) -> Iterator[Any]:
        choices = super().__iter__()
        if self.field.empty_label is not None:
            yield next(choices)
        yield from in_vietnamese_order(choices, lambda choice: str(choice[1]))


class VietnameseModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose list shows its entries in Vietnamese alphabetical order
    of their labels, in the one query the stock field makes."""

    iterator = _VietnameseOrderIterator


class VietnameseModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` in Vietnamese alphabetical order of its labels."""

    iterator = _VietnameseOrderIterator
