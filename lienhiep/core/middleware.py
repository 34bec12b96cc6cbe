from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Vietnamese unless the user picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but
    office computers often run an English browser while their users expect the
    system in Vietnamese: only the language cookie set by the switch counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: the thread serves the next one (or a job) afresh.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class FormAddressMiddleware:
    """An address that only takes a form, opened as a page, leads to the page above it.

    A form's errors are shown at the address it was sent to (``/associations/1/
    member-counts/``); switching the language there, reloading it or following it from
    the history asks for that address again, which answers 405 to anything but the
    form. The reader goes instead to the nearest address above it that is a page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.method != "GET":
            return response
        if request.headers.get("HX-Request"):
            return response
        path = request.path
        while path != "/":
            path = path.rstrip("/").rpartition("/")[0] + "/"
            try:
                resolve(path)
            except Resolver404:
                continue
            return HttpResponseRedirect(path)
        return HttpResponseRedirect("/")
