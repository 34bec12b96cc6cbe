"""Benchmark of the directives module: the review report and the dashboard.

    .venv/bin/python bench/directives.py

Builds a fresh database (a throw-away SQLite file in a temporary directory, or
a test database beside the one DATABASE_URL names), then proves two claims:

* generating the review report (.docx) of a plan with 500 tasks and 2,000
  progress reports takes at most one second;
* the dashboard runs the same number of queries with 100 and with 1,000 tasks.

The last line printed is machine-readable:
RESULT review_docx_s=<seconds> dashboard_queries_100=<n> dashboard_queries_1000=<n>
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lienhiep.settings")
_TMP = tempfile.TemporaryDirectory(prefix="lienhiep-bench-")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(_TMP.name) / "bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from lienhiep.core import actions as core_actions  # noqa: E402
from lienhiep.core.models import Organization, OrganizationKind, Role, User  # noqa: E402
from lienhiep.directives.models import (  # noqa: E402
    DocumentKind,
    ProgressReport,
    Recurrence,
    ReportStatus,
    ReviewKind,
    ReviewReport,
    SteeringDocument,
    Task,
)
from lienhiep.directives.review import build_review_docx, fill_from_data  # noqa: E402

TODAY = datetime.date.today()
PERIOD_FROM = datetime.date(TODAY.year - 1, 1, 1)
rng = random.Random(137)


def fresh_database() -> str | None:
    """Migrate the throw-away SQLite file, or create a test database on the server."""
    if os.environ.get("DATABASE_URL"):
        return connection.creation.create_test_db(verbosity=0, autoclobber=True)
    call_command("migrate", verbosity=0, interactive=False)
    return None


def make_units(count: int) -> tuple[list[Organization], Organization, Organization]:
    party = core_actions.do_save_organization(
        None, Organization(code="TU", name="Tỉnh ủy", kind=OrganizationKind.PARTY)
    )
    btg = core_actions.do_save_organization(
        None,
        Organization(
            code="BTGTU", name="Ban Tuyên giáo Tỉnh ủy", kind=OrganizationKind.PARTY, parent=party
        ),
    )
    units = [
        core_actions.do_save_organization(
            None,
            Organization(
                code=f"SO{i:02d}", name=f"Sở ngành số {i:02d}", kind=OrganizationKind.DEPARTMENT
            ),
        )
        for i in range(count)
    ]
    return units, party, btg


def make_user(organization: Organization) -> User:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = core_actions.do_save_user(
        None, User(username="giamsat", full_name="Cán bộ Ban Tuyên giáo", organization=organization)
    )
    core_actions.do_assign_role(None, user, organization, Role.OVERSIGHT)
    return user


def make_plan(symbol: str, issuer: Organization, monitor: Organization) -> SteeringDocument:
    document = SteeringDocument(
        kind=DocumentKind.PLAN,
        symbol=symbol,
        issuer=issuer,
        monitor=monitor,
        issued_on=datetime.date(TODAY.year - 2, 5, 9),
        title=f"Kế hoạch {symbol} thực hiện Kết luận 93-KL/TW",
    )
    document.save()
    return document


def add_tasks(document: SteeringDocument, units: list[Organization], count: int) -> list[Task]:
    """One in ten recurring (quarterly), the rest one-off with deadlines over three years."""
    tasks = []
    for index in range(count):
        recurring = index % 10 == 0
        deadline = TODAY + datetime.timedelta(days=rng.randint(-500, 500))
        tasks.append(
            Task(
                document=document,
                number=str(index + 1),
                position=index + 1,
                content=f"Nhiệm vụ số {index + 1}: triển khai nội dung của kế hoạch "
                "tại đơn vị, báo cáo kết quả định kỳ về Ban Tuyên giáo",
                lead=units[index % len(units)],
                deadline=None if recurring else deadline,
                recurrence=Recurrence.QUARTERLY if recurring else "",
                due_day=20 if recurring else None,
                starts_on=PERIOD_FROM if recurring else None,
                paused=index % 97 == 0,
                pause_reason="Chờ hướng dẫn" if index % 97 == 0 else "",
            )
        )
    created = Task.objects.bulk_create(tasks)
    through = Task.coordinators.through
    through.objects.bulk_create(
        through(task_id=task.pk, organization_id=units[(i + 7) % len(units)].pk)
        for i, task in enumerate(created)
    )
    return created


def add_reports(tasks: list[Task], count: int) -> None:
    statuses = [ReportStatus.ACCEPTED] * 8 + [ReportStatus.RETURNED, ReportStatus.SUBMITTED]
    reports = []
    for index in range(count):
        task = tasks[index % len(tasks)]
        day = PERIOD_FROM + datetime.timedelta(days=rng.randint(0, (TODAY - PERIOD_FROM).days))
        reports.append(
            ProgressReport(
                task=task,
                organization_id=task.lead_id,
                reported_on=day,
                period_start=day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
                if task.recurrence
                else None,
                percent=min(100, 25 * (index // len(tasks) + 1) + rng.randint(0, 10)),
                narrative="Đã triển khai các nội dung theo kế hoạch.",
                results=f"Tổ chức {rng.randint(1, 9)} hội nghị quán triệt",
                difficulties="Kinh phí còn hạn hẹp" if index % 5 == 0 else "",
                proposals="Đề nghị bổ sung kinh phí" if index % 7 == 0 else "",
                status=statuses[index % len(statuses)],
            )
        )
    ProgressReport.objects.bulk_create(reports)


def time_review(document: SteeringDocument) -> tuple[float, float, int]:
    review = ReviewReport(
        document=document,
        kind=ReviewKind.PRELIMINARY,
        period_from=PERIOD_FROM,
        period_to=TODAY,
        signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
        signer_name="Nguyễn Văn A",
    )
    fill_from_data(review)
    timings = []
    size = 0
    for _ in range(3):
        start = time.perf_counter()
        size = len(build_review_docx(review))
        timings.append(time.perf_counter() - start)
    return min(timings), statistics.median(timings), size


def dashboard_queries(user: User) -> tuple[int, str]:
    """Queries of one dashboard GET; -1 and the reason when the page cannot be drawn."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    url = reverse("directives:dashboard")
    client.get(url)  # warm caches (sessions, content types) so both runs compare alike
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        return -1, f"HTTP {response.status_code}"
    return len(queries), ""


def main() -> None:
    setup_test_environment()
    test_db = fresh_database()
    try:
        run()
    finally:
        if test_db:
            connection.creation.destroy_test_db(test_db, verbosity=0)


def run() -> None:
    units, party, btg = make_units(30)
    user = make_user(btg)

    small = make_plan("100-KH/TU", party, btg)
    add_reports(add_tasks(small, units, 100), 400)
    q100, why100 = dashboard_queries(user)

    plan = make_plan("137-KH/TU", party, btg)
    add_reports(add_tasks(plan, units, 500), 2000)
    rest = make_plan("200-KH/TU", party, btg)
    add_reports(add_tasks(rest, units, 400), 1600)
    q1000, why1000 = dashboard_queries(user)

    best, median, size = time_review(plan)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print("review report: 500 tasks, 2,000 progress reports, 30 units")
    print(f"  best of 3: {best:.3f} s   median: {median:.3f} s   size: {size / 1024:.0f} KiB")
    print(f"  budget 1 s: {'met' if best <= 1 else 'MISSED'} ({best:.0%} of it)")
    print(f"dashboard queries: {q100} with 100 tasks, {q1000} with 1,000 tasks")
    if why100 or why1000:
        print(f"  dashboard unavailable: {why100 or why1000} (is the view still a placeholder?)")
    elif q100:
        print(f"  ratio 1000/100: {q1000 / q100:.2f} (constant means 1.00)")
    result = f"review_docx_s={best:.3f} dashboard_queries_100={q100}"
    print(f"RESULT {result} dashboard_queries_1000={q1000}")


if __name__ == "__main__":
    main()
