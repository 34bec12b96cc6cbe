"""Demonstration documents and tasks built from the facts of the two source articles.

The cascade: Directive 42-CT/TW of the Politburo (16/4/2010) → Conclusion
93-KL/TW of the Secretariat (20/11/2020) → Plan 137-KH/TU of the Provincial
Party Committee (9/5/2022), whose tasks go to the bodies the plan names → the
Union's Party delegation's own plan. From the second article: Resolution
27-NQ/TW of the Central Committee, the Standing Board's Resolution 23-NQ/TU
and Directive 48-CT/TU, with the directions the Propaganda Department gave the
Union. Dates the articles do not give are illustrative.

Deadlines and report dates of the working tasks are set relative to today so
that every status (done on time, done late, in progress, overdue, not started,
paused) shows whenever the demonstration is loaded. Loading again changes
nothing that is already there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from lienhiep.core.models import Notification, Organization, User
from lienhiep.directives import actions
from lienhiep.directives.models import (
    DocumentKind,
    ProgressReport,
    Recurrence,
    ReportStatus,
    ReviewKind,
    ReviewReport,
    SteeringDocument,
    Task,
)

D = datetime.date


@dataclass
class DemoReport:
    days_ago: int | None  # relative to today, or None with ``on`` set
    percent: int
    narrative: str
    status: str = ReportStatus.ACCEPTED
    on: D | None = None
    difficulties: str = ""
    proposals: str = ""
    results: str = ""
    return_reason: str = ""
    by: str = ""  # organization code, when a coordinating unit reports
    period_start: D | None = None


@dataclass
class DemoTask:
    number: str
    content: str
    lead: str
    coordinators: tuple[str, ...] = ()
    deadline: D | int | None = None  # a date, or days from today
    recurrence: str = ""
    due_day: int | None = None
    starts_on: D | None = None
    product: str = ""
    paused: str = ""
    reports: list[DemoReport] = field(default_factory=list)
    subtasks_in: str = ""  # symbol of the unit plan that cascades this task


def _documents(orgs: dict[str, Organization]) -> list[tuple[dict[str, object], str]]:
    """(fields, symbol implemented) for each document, top of the cascade first."""
    return [
        (
            {
                "kind": DocumentKind.DIRECTIVE,
                "symbol": "42-CT/TW",
                "issuer": orgs["BCT"],
                "issued_on": D(2010, 4, 16),
                "title": "Về tiếp tục đổi mới, nâng cao chất lượng, hiệu quả hoạt động của "
                "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam trong thời kỳ công nghiệp "
                "hóa, hiện đại hóa đất nước",
            },
            "",
        ),
        (
            {
                "kind": DocumentKind.CONCLUSION,
                "symbol": "93-KL/TW",
                "issuer": orgs["BBT"],
                "issued_on": D(2020, 11, 20),
                "title": "Về việc tiếp tục thực hiện Chỉ thị số 42-CT/TW của Bộ Chính trị",
            },
            "42-CT/TW",
        ),
        (
            {
                "kind": DocumentKind.PLAN,
                "symbol": "137-KH/TU",
                "issuer": orgs["TU"],
                "monitor": orgs["BTGTU"],
                "issued_on": D(2022, 5, 9),
                "title": "Thực hiện Kết luận số 93-KL/TW của Ban Bí thư về tiếp tục thực hiện "
                "Chỉ thị số 42-CT/TW",
                "summary": "Quán triệt để cấp ủy, chính quyền, Mặt trận và các đoàn thể hiểu rõ "
                "vai trò của Liên hiệp Hội; tăng cường lãnh đạo, quản lý và phối hợp; củng cố tổ "
                "chức Liên hiệp Hội và hội thành viên; đổi mới nội dung, phương thức hoạt động "
                "và mở rộng hợp tác khoa học và công nghệ.",
            },
            "93-KL/TW",
        ),
        (
            {
                "kind": DocumentKind.PLAN,
                "symbol": "05-KH/ĐĐ",
                "issuer": orgs["DDLHH"],
                "monitor": orgs["LHH"],
                "issued_on": D(2022, 6, 20),
                "title": "Kế hoạch của Đảng đoàn Liên hiệp Hội triển khai Kế hoạch số 137-KH/TU",
            },
            "137-KH/TU",
        ),
        (
            {
                "kind": DocumentKind.RESOLUTION,
                "symbol": "27-NQ/TW",
                "issuer": orgs["TW"],
                "issued_on": D(2008, 8, 6),
                "title": "Về xây dựng đội ngũ trí thức trong thời kỳ đẩy mạnh công nghiệp hóa, "
                "hiện đại hóa đất nước",
            },
            "",
        ),
        (
            {
                "kind": DocumentKind.RESOLUTION,
                "symbol": "23-NQ/TU",
                "issuer": orgs["BTVTU"],
                "monitor": orgs["BTGTU"],
                "issued_on": D(2014, 3, 10),
                "title": "Về xây dựng đội ngũ trí thức tỉnh Lai Châu trong thời kỳ đẩy mạnh công "
                "nghiệp hóa, hiện đại hóa",
            },
            "27-NQ/TW",
        ),
        (
            {
                "kind": DocumentKind.DIRECTIVE,
                "symbol": "48-CT/TU",
                "issuer": orgs["BTVTU"],
                "monitor": orgs["BTGTU"],
                "issued_on": D(2015, 9, 15),
                "title": "Về tiếp tục đổi mới, nâng cao chất lượng, hiệu quả hoạt động của Liên "
                "hiệp các Hội Khoa học và Kỹ thuật tỉnh",
            },
            "42-CT/TW",
        ),
    ]


def _plan_137_tasks() -> list[DemoTask]:
    return [
        DemoTask(
            "1",
            "Phổ biến, quán triệt Kết luận 93 và cụ thể hóa thành chương trình thực hiện phù "
            "hợp với từng địa phương, đơn vị",
            "MTTQ",
            ("UBND", "TDTN"),
            deadline=D(2022, 12, 31),
            product="Chương trình thực hiện của các địa phương, đơn vị",
            reports=[
                DemoReport(
                    None,
                    100,
                    "Đã tổ chức hội nghị quán triệt và ban hành chương trình thực hiện.",
                    on=D(2022, 12, 20),
                    results="Các đoàn thể tỉnh đều có chương trình thực hiện.",
                )
            ],
        ),
        DemoTask(
            "2",
            "Rà soát, bổ sung, hoàn thiện cơ chế, chính sách liên quan đến hoạt động của "
            "Liên hiệp Hội",
            "DDHDND",
            ("LHH",),
            deadline=D(2023, 6, 30),
            product="Báo cáo rà soát và đề xuất chính sách",
            reports=[
                DemoReport(
                    None,
                    100,
                    "Hoàn thành rà soát các văn bản liên quan; đã trình kỳ họp thứ Mười.",
                    on=D(2023, 9, 15),
                    difficulties="Việc tổng hợp ý kiến các sở, ngành kéo dài hơn dự kiến.",
                )
            ],
        ),
        DemoTask(
            "3",
            "Giám sát việc triển khai thực hiện Kết luận 93 và Chỉ thị 42",
            "DDHDND",
            recurrence=Recurrence.YEARLY,
            due_day=15,
            starts_on=D(2023, 1, 1),
            product="Báo cáo kết quả giám sát hằng năm",
            reports=[
                DemoReport(
                    None,
                    100,
                    "Báo cáo giám sát năm 2023.",
                    on=D(2023, 12, 8),
                    period_start=D(2023, 1, 1),
                ),
                DemoReport(
                    None,
                    100,
                    "Báo cáo giám sát năm 2024.",
                    on=D(2025, 1, 20),
                    period_start=D(2024, 1, 1),
                ),
                DemoReport(
                    None,
                    100,
                    "Báo cáo giám sát năm 2025.",
                    on=D(2025, 12, 12),
                    period_start=D(2025, 1, 1),
                ),
            ],
        ),
        DemoTask(
            "4",
            "Chỉ đạo triển khai các nhiệm vụ cụ thể của kế hoạch; ban hành cơ chế, chính sách "
            "phù hợp với tính chất đặc thù của Liên hiệp Hội",
            "BCSDUBND",
            ("SKHCN", "SNV"),
            deadline=45,
            product="Quyết định ban hành cơ chế hỗ trợ hoạt động của Liên hiệp Hội",
            reports=[
                DemoReport(
                    60,
                    30,
                    "Đã giao Sở Nội vụ chủ trì xây dựng dự thảo.",
                ),
                DemoReport(
                    20,
                    60,
                    "Dự thảo đã lấy ý kiến các sở, ngành; đang hoàn thiện.",
                    difficulties="Kinh phí hỗ trợ hoạt động của hội còn hạn chế.",
                    proposals="Đề nghị bố trí kinh phí từ nguồn sự nghiệp khoa học.",
                ),
            ],
        ),
        DemoTask(
            "5",
            "Rà soát, bổ sung cơ chế hỗ trợ trí thức tham gia tư vấn, phản biện",
            "BCSDUBND",
            ("LHH",),
            deadline=-20,
            product="Tờ trình đề xuất cơ chế",
            reports=[
                DemoReport(
                    10,
                    80,
                    "Đã hoàn thành dự thảo tờ trình.",
                    status=ReportStatus.RETURNED,
                    return_reason="Chưa nêu rõ nguồn kinh phí và đối tượng áp dụng.",
                )
            ],
        ),
        DemoTask(
            "6",
            "Đảng đoàn Liên hiệp Hội xây dựng kế hoạch và tổ chức triển khai hiệu quả Kết luận 93",
            "DDLHH",
            ("LHH",),
            subtasks_in="05-KH/ĐĐ",
        ),
        DemoTask(
            "7",
            "Định hướng tuyên truyền, phổ biến sâu rộng Kết luận 93 và kế hoạch của Ban "
            "Thường vụ Tỉnh ủy",
            "BTGTU",
            ("LHH", "MTTQ"),
            recurrence=Recurrence.QUARTERLY,
            due_day=20,
            starts_on=timezone.localdate() - datetime.timedelta(days=200),
            product="Hướng dẫn tuyên truyền hằng quý",
        ),
        DemoTask(
            "8",
            "Theo dõi, hướng dẫn, kiểm tra, đôn đốc và sơ kết việc thực hiện Kết luận 93",
            "BTGTU",
            ("VPTU", "LHH"),
            deadline=7,
            product="Báo cáo sơ kết",
        ),
        DemoTask(
            "9",
            "Xây dựng chương trình phối hợp khoa học và công nghệ giữa các sở, ngành về nghiên "
            "cứu khoa học, chuyển giao công nghệ",
            "SKHCN",
            ("LHH", "SNNMT", "SGDDT"),
            deadline=D(2025, 12, 31),
            paused="Chờ sắp xếp lại các sở sau khi hợp nhất bộ máy năm 2025.",
        ),
    ]


def _union_plan_tasks() -> list[DemoTask]:
    return [
        DemoTask(
            "1",
            "Tổ chức hội nghị quán triệt Kết luận 93 tới các hội thành viên",
            "LHH",
            deadline=D(2022, 8, 31),
            reports=[
                DemoReport(None, 100, "Đã tổ chức hội nghị với 120 đại biểu.", on=D(2022, 8, 12))
            ],
        ),
        DemoTask(
            "2",
            "Củng cố, kiện toàn tổ chức, bộ máy Liên hiệp Hội và các hội thành viên",
            "LHH",
            ("HYH", "HLV"),
            deadline=120,
            reports=[
                DemoReport(
                    30,
                    50,
                    "Đã kiện toàn Ban Thường vụ hai hội; các hội còn lại đang chuẩn bị đại hội.",
                    difficulties="Việc củng cố tổ chức ở một số hội thành viên còn chậm.",
                    proposals="Đề nghị Sở Nội vụ hướng dẫn thủ tục đại hội nhiệm kỳ.",
                )
            ],
        ),
    ]


def _directive_48_tasks() -> list[DemoTask]:
    return [
        DemoTask(
            "1",
            "Phối hợp tuyên truyền, quán triệt Nghị quyết 27-NQ/TW, Nghị quyết 23-NQ/TU, Chỉ "
            "thị 42-CT/TW và Chỉ thị 48-CT/TU",
            "LHH",
            ("BTGTU",),
            deadline=-90,
            reports=[DemoReport(100, 100, "Đã phối hợp tổ chức 3 hội nghị tuyên truyền.")],
        ),
        DemoTask(
            "2",
            "Chủ động đề xuất thực hiện tư vấn, phản biện và giám định xã hội",
            "LHH",
            recurrence=Recurrence.YEARLY,
            due_day=15,
            starts_on=D(2024, 1, 1),
            reports=[
                DemoReport(
                    None,
                    100,
                    "Đã mời chuyên gia đầu ngành thực hiện 03 nhiệm vụ tư vấn, phản biện và giám "
                    "định xã hội.",
                    on=D(2024, 12, 10),
                    period_start=D(2024, 1, 1),
                    difficulties="Số nhiệm vụ tư vấn, phản biện còn ít; đội ngũ còn lúng túng.",
                ),
            ],
        ),
        DemoTask(
            "3",
            "Cập nhật số lượng, chất lượng đội ngũ trí thức trong toàn tỉnh",
            "LHH",
            ("SNV",),
            recurrence=Recurrence.YEARLY,
            due_day=15,
            starts_on=D(2025, 1, 1),
            product="Báo cáo số lượng, chất lượng đội ngũ trí thức",
        ),
        DemoTask(
            "4",
            "Đẩy mạnh phổ biến pháp luật, kiến thức khoa học cho cộng đồng; đưa trí thức về cơ sở",
            "LHH",
            ("HYH", "HLV", "HTH"),
            deadline=200,
        ),
    ]


def _when(value: D | int | None, today: D) -> D | None:
    if isinstance(value, int):
        return today + datetime.timedelta(days=value)
    return value


def _save_tasks(
    document: SteeringDocument,
    tasks: list[DemoTask],
    orgs: dict[str, Organization],
    today: D,
    parents: dict[str, Task] | None = None,
) -> dict[str, Task]:
    created: dict[str, Task] = {}
    for spec in tasks:
        task = Task(
            document=document,
            number=spec.number,
            content=spec.content,
            lead=orgs[spec.lead],
            deadline=_when(spec.deadline, today),
            recurrence=spec.recurrence,
            due_day=spec.due_day,
            starts_on=spec.starts_on,
            expected_product=spec.product,
            paused=bool(spec.paused),
            pause_reason=spec.paused,
            parent=(parents or {}).get(spec.number),
        )
        task = actions.do_save_task(None, task, [orgs[c] for c in spec.coordinators])
        created[spec.number] = task
        for r in spec.reports:
            _save_report(task, r, orgs, today)
    return created


def _save_report(task: Task, r: DemoReport, orgs: dict[str, Organization], today: D) -> None:
    day = r.on or today - datetime.timedelta(days=r.days_ago or 0)
    reporter = User.objects.filter(username="daumoi").first()
    ProgressReport.objects.create(
        task=task,
        organization=orgs[r.by] if r.by else task.lead,
        period_start=r.period_start,
        reported_on=day,
        percent=r.percent,
        narrative=r.narrative,
        results=r.results,
        difficulties=r.difficulties,
        proposals=r.proposals,
        status=r.status,
        return_reason=r.return_reason,
        submitted_by=reporter if task.lead.code == "BCSDUBND" else None,
        decided_by=User.objects.filter(username="tuyengiao").first(),
        decided_at=timezone.now(),
    )


def load() -> str:
    if SteeringDocument.objects.filter(symbol="137-KH/TU").exists():
        return "đã có sẵn, không thay đổi"
    today = timezone.localdate()
    orgs = {o.code: o for o in Organization.objects.all()}
    documents: dict[str, SteeringDocument] = {}
    for fields, implemented in _documents(orgs):
        document = SteeringDocument(**fields)
        document.implements = documents.get(implemented)
        documents[document.symbol] = actions.do_save_document(None, document)
    plan = _save_tasks(documents["137-KH/TU"], _plan_137_tasks(), orgs, today)
    union_tasks = _union_plan_tasks()
    _save_tasks(
        documents["05-KH/ĐĐ"], union_tasks, orgs, today, {t.number: plan["6"] for t in union_tasks}
    )
    _save_tasks(documents["48-CT/TU"], _directive_48_tasks(), orgs, today)
    _pending_report(plan["4"], today)
    review = _review(documents["137-KH/TU"], today)
    return (
        f"{SteeringDocument.objects.count()} văn bản, {Task.objects.count()} nhiệm vụ, "
        f"{ProgressReport.objects.count()} báo cáo tiến độ, báo cáo sơ kết “{review}”"
    )


def _pending_report(task: Task, today: D) -> None:
    """A report awaiting the Propaganda Department's decision, filed by the demo reporter."""
    reporter = User.objects.get(username="daumoi")
    report = ProgressReport.objects.create(
        task=task,
        organization=task.lead,
        reported_on=today - datetime.timedelta(days=2),
        percent=75,
        narrative="Đã hoàn thiện dự thảo quyết định sau khi tiếp thu ý kiến các sở, ngành.",
        proposals="Đề nghị Thường trực Tỉnh ủy cho ý kiến trước khi ban hành.",
        submitted_by=reporter,
    )
    # In the inbox only: the demonstration sends no e-mail.
    for user in actions.assigner_contacts(task.document):
        Notification.objects.create(
            user=user,
            text=f"{task.lead} gửi báo cáo tiến độ 75% về một nhiệm vụ của {task.document.symbol}.",
            url=report.get_absolute_url(),
        )


def _review(document: SteeringDocument, today: D) -> ReviewReport:
    from lienhiep.directives import review as review_module

    review = ReviewReport(
        document=document,
        kind=ReviewKind.PRELIMINARY,
        period_from=document.issued_on,
        period_to=today,
        symbol="",
        report_date=today,
        signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
        signer_name="",
    )
    fill = getattr(review_module, "fill_from_data", None)
    if fill is not None:
        fill(review)
    return actions.do_save_review(None, review)
