"""The in-app inbox (hộp thông báo): every signed-in user reads only their own notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import AnyUser
from lienhiep.core.models import Notification

PAGE_SIZE = 50


def _owner_id(user: AnyUser) -> int:
    # The views let only signed-in accounts through; an anonymous visitor has no inbox.
    if user.pk is None:
        raise Http404
    return user.pk


def access_notification(user: AnyUser, pk: int) -> Notification:
    """A notification belongs to one user; anyone else is told it does not exist."""
    try:
        return Notification.objects.get(pk=pk, user_id=_owner_id(user))
    except Notification.DoesNotExist:
        raise Http404 from None


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    # Newest first by the model's ordering; the rows need no related objects,
    # so a page costs one COUNT and one SELECT however many there are.
    notifications = Notification.objects.filter(user_id=_owner_id(request.user))
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


def _target(request: HttpRequest, notification: Notification) -> str:
    # Links are written by our own code, but a redirect must never leave the site.
    url = notification.url
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("core:notification_list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = access_notification(request.user, pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(_target(request, notification))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    marked = Notification.objects.filter(
        user_id=_owner_id(request.user), read_at__isnull=True
    ).update(read_at=timezone.now())
    if marked:
        messages.success(request, _("All notifications were marked as read."))
    return redirect("core:notification_list")
