from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _


def say_goodbye(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    # Logging out lands on the login page; say there that it worked.
    messages.info(request, _("You have logged out."))
