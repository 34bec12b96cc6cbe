"""Django's own messages that its Vietnamese catalogue leaves untranslated and that users
of this site can meet. Named here so that ``makemessages`` keeps them in the project's
catalogue, which Django reads before its own."""

from django.utils.translation import gettext_noop

UNTRANSLATED_BY_DJANGO = (
    # Any text field given a NUL character (pasted from a broken file, or typed in a URL).
    gettext_noop("Null characters are not allowed."),
)
