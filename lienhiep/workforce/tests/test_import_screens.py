"""The import screens keep each association to its own roster and file types."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for
from lienhiep.jobs.models import Job

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
