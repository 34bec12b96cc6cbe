"""The formal urging letter (công văn đôn đốc): style, addressees, table, urgings recorded."""

from __future__ import annotations

import datetime
from io import BytesIO

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from lienhiep.core.models import Notification, Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.directives.letters import build_urging_letter
from lienhiep.directives.models import Task, Urging, UrgingKind
from lienhiep.directives.testing import Directives, build_directives, make_task
from lienhiep.jobs.models import Job, JobStatus

TODAY = datetime.date(2026, 6, 15)


def _tasks(*tasks: Task) -> list[Task]:
    return list(
        Task.objects.filter(pk__in=[t.pk for t in tasks]).select_related("document", "lead")
    )


def _open(content: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(content))


def _letter_rows(document: docx.document.Document) -> list[list[str]]:
    for table in document.tables:
        if table.rows[0].cells[-1].text == "Số ngày quá hạn":
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError("no task table")


@pytest.fixture
def plan(world: World) -> Directives:
    d = build_directives(world)
    # A second overdue task, of the Union, so the letter has two addressees.
    d.coordinated_task.deadline = datetime.date(2026, 5, 31)
    d.coordinated_task.save()
    return d


def test_letter_from_a_party_body_is_in_party_style(plan: Directives, world: World) -> None:
    content = build_urging_letter(
        world.party_body, _tasks(plan.foreign_task), TODAY, symbol="45-CV/BTGTU"
    )
    document = _open(content)
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert [p.text for p in header.cell(0, 0).paragraphs] == [
        "TỈNH ỦY",
        "BAN TUYÊN GIÁO TỈNH ỦY",
        "*",
    ]
    numbers = [p.text for p in header.cell(1, 0).paragraphs]
    assert numbers[0] == "Số 45-CV/BTGTU"
    assert numbers[1].startswith("V/v đôn đốc thực hiện nhiệm vụ")
    # A letter prints no type name.
    assert "BÁO CÁO" not in [p.text for p in document.paragraphs]


def test_letter_from_the_union_is_in_state_style(plan: Directives, world: World) -> None:
    document = _open(build_urging_letter(world.union, _tasks(plan.foreign_task), TODAY))
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_letter_is_addressed_to_the_lead_units_and_lists_the_overdue_tasks(
    plan: Directives, world: World
) -> None:
    chosen = _tasks(plan.foreign_task, plan.coordinated_task, plan.own_task)
    document = _open(build_urging_letter(world.party_body, chosen, TODAY))
    addressed = "\n".join(
        p.text for p in document.paragraphs if p.text.lstrip().startswith(("Kính gửi", "-"))
    )
    assert plan.other_unit.name in addressed
    assert world.union.name in addressed
    # The reporter's own task is not overdue: neither it nor its unit is in the letter.
    assert world.unit.name not in addressed
    rows = _letter_rows(document)
    assert [row[1] for row in rows] == [plan.foreign_task.content, plan.coordinated_task.content]
    assert rows[0][2:] == ["137-KH/TU", plan.other_unit.name, "31/03/2026", "76"]
    assert rows[1][-1] == "15"


@pytest.mark.django_db(transaction=True)
def test_sending_the_letter_records_an_urging_per_task_and_tells_the_units(world: World) -> None:
    plan = build_directives(world)
    overdue = make_task(
        plan.plan, world.unit, content="Báo cáo sơ kết", deadline=datetime.date(2025, 12, 31)
    )
    client = client_for(world, Role.OVERSIGHT)
    url = reverse("directives:urging_letter")
    page = client.get(url, {"document": plan.plan.pk}).content.decode()
    assert "Báo cáo sơ kết" in page
    response = client.post(
        url,
        {
            "tasks": [overdue.pk, plan.foreign_task.pk],
            "symbol": "45-cv/btgtu",
            "signer_name": "Giàng A Páo",
        },
    )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.params["symbol"] == "45-CV/BTGTU"

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    urgings = Urging.objects.filter(kind=UrgingKind.LETTER)
    assert {u.task_id for u in urgings} == {overdue.pk, plan.foreign_task.pk}
    assert all(u.sent_by == world.users[Role.OVERSIGHT] and u.days < 0 for u in urgings)
    # The unit reporter of the lead unit hears about it in the app.
    assert Notification.objects.filter(user=world.users[Role.UNIT_REPORTER]).exists()
    download = client.get(reverse("jobs:download", args=[job.pk]))
    letter = _open(download.getvalue())
    signature = letter.tables[-1]
    assert "Giàng A Páo" in signature.cell(0, 1).text
    assert "Số 45-CV/BTGTU" in letter.tables[0].cell(1, 0).text


@pytest.mark.django_db(transaction=True)
def test_an_english_user_follows_the_letter_in_english_but_the_units_read_vietnamese(
    world: World,
) -> None:
    plan = build_directives(world)
    overdue = make_task(
        plan.plan, world.unit, content="Báo cáo sơ kết", deadline=datetime.date(2025, 12, 31)
    )
    client = client_for(world, Role.OVERSIGHT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("directives:urging_letter"), {"tasks": [overdue.pk], "symbol": "45-CV/TU"})
    run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.message == "Recording the urgings"
    urging = Urging.objects.get(kind=UrgingKind.LETTER)
    assert urging.message.startswith("Công văn đôn đốc của ")
    letter = _open(client.get(reverse("jobs:download", args=[job.pk])).getvalue())
    cells = [cell.text for table in letter.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in letter.paragraphs] + cells)
    assert "Báo cáo sơ kết" in text
    assert "Số ngày quá hạn" in text


def test_a_letter_needs_at_least_one_overdue_task(plan: Directives, world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("directives:urging_letter")
    response = client.post(url, {"tasks": []})
    assert response.status_code == 200
    assert "tasks-errors" in response.content.decode()
    # The reporter's task is within its deadline: it cannot be urged by letter.
    response = client.post(url, {"tasks": [plan.own_task.pk]})
    assert response.status_code == 200
    assert not Job.objects.exists()
