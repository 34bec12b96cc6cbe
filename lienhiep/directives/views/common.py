"""Small helpers the directives views share."""

from __future__ import annotations

import mimetypes

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest

from lienhiep.core.models import User


def actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def send_file(stored: FieldFile, name: str) -> FileResponse:
    """A stored upload, sent only after the caller has checked who asks."""
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
