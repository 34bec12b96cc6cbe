"""How this package's explanations reach the reader in their language.

The package stays pure Python: its messages (why a date or a number-symbol cannot be
read) are written in English, and the application that uses it hands over its own
translation function with ``use_translation``. The Django project hands over ``gettext``
when it starts, so the messages follow the reader's language and ``makemessages`` finds
them like any other (``_("…")``). Without a translation they read in English.
"""

from __future__ import annotations

from collections.abc import Callable

_translations: list[Callable[[str], str]] = []


def use_translation(translate: Callable[[str], str]) -> None:
    """Translate this package's messages with ``translate`` from now on."""
    _translations[:] = [translate]


def _(message: str) -> str:
    return _translations[0](message) if _translations else message
