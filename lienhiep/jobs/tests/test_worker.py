"""A real job, enqueued by a view and run by the django-tasks database worker."""

from __future__ import annotations

import threading
from io import BytesIO

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import JobError, register, start_job


@register("tests.fails_politely")
def _fails_politely(job: Job) -> None:
    job.report(40, "Đang đọc tệp")
    raise JobError("Tệp không đọc được: thiếu dòng tiêu đề.")


@register("tests.crashes")
def _crashes(job: Job) -> None:
    raise RuntimeError("bug")


# What the owner's page showed while the work below was still in its transaction.
_SEEN_MID_TRANSACTION: list[str] = []
_WATCHER: list[Client] = []


def _page_seen_by_another_connection(job: Job) -> str:
    """The progress fragment as a page polling it sees it: another thread, so another
    database connection, which sees only what is committed."""

    def look() -> None:
        try:
            url = reverse("jobs:progress", args=[job.pk])
            _SEEN_MID_TRANSACTION.append(_WATCHER[0].get(url).content.decode())
        finally:
            connections.close_all()

    watcher = threading.Thread(target=look)
    watcher.start()
    watcher.join()
    return _SEEN_MID_TRANSACTION[-1]


@register("tests.reports_in_a_transaction")
def _reports_in_a_transaction(job: Job) -> None:
    with transaction.atomic():  # as a roster import saves its people: all or nothing
        job.report(40, "Đã kiểm tra 2000 dòng")
        _page_seen_by_another_connection(job)


@pytest.mark.django_db(transaction=True)
def test_progress_reported_inside_a_transaction_shows_while_it_runs(world: World) -> None:
    _WATCHER[:] = [client_for(world, Role.UNION_STAFF)]
    _SEEN_MID_TRANSACTION.clear()
    job = start_job(
        "tests.reports_in_a_transaction",
        title="Nhập",
        owner=world.users[Role.UNION_STAFF],
        params={},
    )
    run_worker()
    [page] = _SEEN_MID_TRANSACTION
    assert "Đã kiểm tra 2000 dòng" in page
    assert 'value="40"' in page
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    # Once finished, the page reads the row, and the reported progress is forgotten.
    finished = _WATCHER[0].get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert 'value="100"' in finished


@pytest.mark.django_db(transaction=True)
def test_directory_export_runs_in_the_worker_and_offers_the_file(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(reverse("core:directory_export"))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.QUEUED
    page = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.percent == 100
    page = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page  # polling stops
    download = client.get(reverse("jobs:download", args=[job.pk]))
    workbook = load_workbook(BytesIO(download.getvalue()))
    names = [row[0] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert world.union.name in names


@pytest.mark.django_db(transaction=True)
def test_a_job_that_fails_shows_the_reason(world: World) -> None:
    job = start_job(
        "tests.fails_politely", title="Nhập", owner=world.users[Role.UNION_STAFF], params={}
    )
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Tệp không đọc được: thiếu dòng tiêu đề."
    page = client_for(world, Role.UNION_STAFF).get(job.get_absolute_url()).content.decode()
    assert "thiếu dòng tiêu đề" in page


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_crash_is_reported_without_internals(world: World) -> None:
    job = start_job("tests.crashes", title="Lỗi", owner=world.users[Role.UNION_STAFF], params={})
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "bug" not in job.error
    assert job.error
