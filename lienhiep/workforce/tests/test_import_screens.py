"""The import screens keep each association to its own roster and file types."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.jobs.models import Job
from lienhiep.workforce.models import Person, RosterImport

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "danh-sach-hoi-vien-mau.xlsx"


def _post(client, association: Association, name: str, content: bytes):
    return client.post(
        reverse("workforce:import_start"),
        {
            "association": association.pk,
            "policy": "report",
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_association_staff_cannot_import_into_another_association(world: World) -> None:
    Association.objects.get_or_create(organization=world.association)
    other, _ = Association.objects.get_or_create(organization=world.other_association)
    response = _post(
        client_for(world, Role.ASSOCIATION_STAFF), other, "ds.xlsx", SAMPLE.read_bytes()
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Job.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_at_once(world: World) -> None:
    own, _ = Association.objects.get_or_create(organization=world.association)
    response = _post(client_for(world, Role.ASSOCIATION_STAFF), own, "ds.pdf", b"%PDF-1.4")
    assert "Hãy chọn tệp bảng tính" in response.content.decode()
    assert not Job.objects.exists()


def test_upload_starts_a_dry_run_and_shows_its_page(world: World) -> None:
    own, _ = Association.objects.get_or_create(organization=world.association)
    client = client_for(world, Role.UNION_STAFF)
    response = _post(client, own, "danh-sach.xlsx", SAMPLE.read_bytes())
    job = Job.objects.get()
    assert job.params["dry_run"] is True
    assert response["Location"] == reverse("workforce:import_review", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page  # it refreshes itself until the worker is done


@pytest.mark.django_db(transaction=True)
def test_an_english_user_reads_the_preview_and_its_errors_in_english(world: World) -> None:
    own, _ = Association.objects.get_or_create(organization=world.association)
    client = client_for(world, Role.UNION_STAFF)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    tcvn3 = SAMPLE.with_name("danh-sach-tcvn3-gop-o.xlsx")
    response = _post(client, own, "roster.xlsx", tcvn3.read_bytes())
    run_worker()
    job = Job.objects.get()
    assert job.language == "en"
    messages = [error["message"] for error in job.result["errors"]]
    assert messages == [
        "“09123” is not a phone number.",
        "Fill either the “Nam” or the “Nữ” column, not both.",
    ]
    assert job.message == "Nothing was saved."
    page = client.get(response["Location"]).content.decode()
    assert all(message in page for message in messages)


@pytest.mark.django_db(transaction=True)
def test_what_an_english_user_imports_is_recorded_in_vietnamese_for_everyone(world: World) -> None:
    own, _ = Association.objects.get_or_create(organization=world.association)
    client = client_for(world, Role.UNION_STAFF)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    review = _post(client, own, "roster.xlsx", SAMPLE.read_bytes())["Location"]
    run_worker()
    commit = client.post(review.rstrip("/") + "/commit/")
    run_worker()
    job = Job.objects.get(pk=resolve(commit["Location"]).kwargs["pk"])
    assert job.message == "Imported: 30 new, 0 updated, 0 skipped."
    reasons = set(Person.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Nhập danh sách hội viên"}


@pytest.mark.django_db(transaction=True)
def test_the_change_history_says_a_record_came_from_a_roster_import(world: World) -> None:
    client = client_for(world, Role.ASSOCIATION_STAFF)
    _imported(world, client)
    person = Person.objects.order_by("pk").first()
    assert person is not None
    response = client.get(reverse("workforce:person_history", args=[person.pk]))
    created = [entry for entry in response.context["entries"] if entry.action == "Tạo mới"]
    assert {entry.reason for entry in created} == {"Nhập danh sách hội viên"}
    assert "(Nhập danh sách hội viên)" in response.content.decode()


def _imported(world: World, client) -> RosterImport:
    own, _ = Association.objects.get_or_create(organization=world.association)
    review = _post(client, own, "roster.xlsx", SAMPLE.read_bytes())["Location"]
    run_worker()
    client.post(review.rstrip("/") + "/commit/")
    run_worker()
    return RosterImport.objects.get()


@pytest.mark.django_db(transaction=True)
def test_undo_runs_in_the_worker_and_leads_back_to_the_history(world: World) -> None:
    client = client_for(world, Role.ASSOCIATION_STAFF)
    batch = _imported(world, client)
    assert Person.objects.count() == 30
    response = client.post(reverse("workforce:import_undo", args=[batch.pk]))
    job = Job.objects.get(kind="workforce.undo_import")
    assert response["Location"] == job.get_absolute_url()
    assert Person.objects.count() == 30  # nothing undone within the request

    run_worker()
    job.refresh_from_db()
    assert job.message == "Đã hoàn tác lần nhập (30 bản ghi được trả lại như cũ)."
    assert job.result["next_url"] == reverse("workforce:import_history")
    assert Person.objects.count() == 0
    batch.refresh_from_db()
    assert batch.undone_at is not None

    again = client.post(reverse("workforce:import_undo", args=[batch.pk]), follow=True)
    assert "Lần nhập này đã được hoàn tác." in again.content.decode()
    assert Job.objects.filter(kind="workforce.undo_import").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_asks_again_whether_the_clerk_may_undo(world: World) -> None:
    client = client_for(world, Role.ASSOCIATION_STAFF)
    batch = _imported(world, client)
    client.post(reverse("workforce:import_undo", args=[batch.pk]))
    world.users[Role.ASSOCIATION_STAFF].role_assignments.all().delete()
    run_worker()
    job = Job.objects.get(kind="workforce.undo_import")
    assert job.error == "Bạn không còn quyền sửa danh sách hội viên của hội này."
    assert Person.objects.count() == 30
