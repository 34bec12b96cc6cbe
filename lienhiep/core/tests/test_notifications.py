"""The notification inbox: one's own messages, newest first, marked read as they are opened."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lienhiep.core.actions import do_notify
from lienhiep.core.models import Notification, Role, User
from lienhiep.core.testing import World, client_for

pytestmark = pytest.mark.django_db


def _reporter(world: World) -> User:
    return world.users[Role.UNIT_REPORTER]


def test_inbox_lists_only_own_notifications_newest_first(world: World) -> None:
    do_notify([_reporter(world)], "Nhắc việc cũ", url="/directives/")
    do_notify([_reporter(world)], "Nhắc việc mới", url="/directives/")
    do_notify([world.users[Role.UNION_STAFF]], "Thư của người khác")
    page = client_for(world, Role.UNIT_REPORTER).get(reverse("core:notification_list"))
    html = page.content.decode()
    assert html.index("Nhắc việc mới") < html.index("Nhắc việc cũ")
    assert "Thư của người khác" not in html
    assert html.count("notification--unread") == 2


def test_opening_a_notification_marks_it_read_and_follows_its_link(world: World) -> None:
    do_notify([_reporter(world)], "Báo cáo của đơn vị đã được chấp nhận.", url="/directives/")
    notification = Notification.objects.get()
    client = client_for(world, Role.UNIT_REPORTER)
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/directives/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    html = client.get(reverse("core:notification_list")).content.decode()
    assert "notification--unread" not in html
    assert 'href="/directives/"' in html


def test_someone_elses_notification_is_not_found_and_stays_unread(world: World) -> None:
    do_notify([_reporter(world)], "Nhắc việc")
    notification = Notification.objects.get()
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_off_the_site_is_not_followed(world: World) -> None:
    do_notify([_reporter(world)], "Nhắc việc", url="https://example.com/phishing")
    notification = Notification.objects.get()
    response = client_for(world, Role.UNIT_REPORTER).post(
        reverse("core:notification_read", args=[notification.pk])
    )
    assert response["Location"] == reverse("core:notification_list")


def test_mark_all_read_touches_only_own_notifications(world: World) -> None:
    do_notify([_reporter(world)] * 3, "Nhắc việc")
    do_notify([world.users[Role.OVERSIGHT]], "Bản sao nhắc việc")
    response = client_for(world, Role.UNIT_REPORTER).post(reverse("core:notification_read_all"))
    assert response["Location"] == reverse("core:notification_list")
    assert not Notification.objects.filter(user=_reporter(world), read_at__isnull=True).exists()
    assert Notification.objects.get(user=world.users[Role.OVERSIGHT]).read_at is None


def test_header_shows_the_unread_count(world: World) -> None:
    client = client_for(world, Role.UNIT_REPORTER)
    html = client.get(reverse("core:home")).content.decode()
    assert 'class="inbox-link"' in html
    assert "inbox-count" not in html
    do_notify([_reporter(world)] * 4, "Nhắc việc")
    do_notify([world.users[Role.OVERSIGHT]] * 2, "Bản sao")
    response = client.get(reverse("core:home"))
    assert response.context["unread_notifications"] == 4
    assert '<span class="inbox-count">4<' in response.content.decode()


def test_anonymous_visitors_have_no_badge(client) -> None:
    html = client.get(reverse("login")).content.decode()
    assert "inbox-link" not in html


def _queries_for_inbox(world: World) -> int:
    client = client_for(world, Role.UNIT_REPORTER)
    client.get(reverse("core:notification_list"))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:notification_list"))
    assert response.status_code == 200
    return len(queries)


def test_inbox_queries_do_not_grow_with_notifications(world: World) -> None:
    do_notify([_reporter(world)] * 5, "Nhắc việc")
    few = _queries_for_inbox(world)
    do_notify([_reporter(world)] * 55, "Nhắc việc")
    many = _queries_for_inbox(world)
    assert few == many
    page = client_for(world, Role.UNIT_REPORTER).get(reverse("core:notification_list"))
    assert len(page.context["page"].object_list) == 50
