"""Review reports (sơ kết / tổng kết): the data of a document over a period, and its .docx.

One code path serves the screen, the background job and ``manage.py review_report``:

* ``collect`` reads a document's tasks, their derived states and the accepted reports of
  the period in a fixed number of queries, however many tasks there are;
* ``fill_from_data`` writes the editable text of a ``ReviewReport`` from that data;
* ``build_review_docx`` lays the report out: the edited text, and tables recomputed from
  the data at every download (so a draft written in June still counts July's reports).

The document is Vietnamese whatever the reader's language, so its fixed phrases are
plain Vietnamese here rather than catalogue entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.core.models import Organization
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
from lienhiep.directives.status import (
    Status,
    Summary,
    Tally,
    TaskState,
    evaluate,
    rollup,
    summarize,
)
from lienhiep.docgen import (
    Block,
    Bullet,
    CellValue,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Span,
    Table,
    build_docx,
)
from lienhiep.docgen.official import Style
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import attach_file, register
from lienhiep.vn import collation_key

# The words of the official document, independent of the reader's language.
KIND_VI: dict[str, str] = {
    DocumentKind.DIRECTIVE: "Chỉ thị",
    DocumentKind.RESOLUTION: "Nghị quyết",
    DocumentKind.CONCLUSION: "Kết luận",
    DocumentKind.PLAN: "Kế hoạch",
    DocumentKind.PROGRAMME: "Chương trình",
    DocumentKind.DECISION: "Quyết định",
    DocumentKind.LETTER: "Công văn",
}
STATUS_VI: dict[str, str] = {
    Status.NOT_STARTED: "Chưa triển khai",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.OVERDUE: "Quá hạn",
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành chậm",
    Status.PAUSED: "Tạm dừng",
}
TALLY_VI: dict[str, str] = {
    Tally.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Tally.DONE_LATE: "Hoàn thành nhưng chậm so với thời hạn",
    Tally.NOT_DONE_IN_TIME: "Chưa hoàn thành, còn trong hạn",
    Tally.NOT_DONE_OVERDUE: "Chưa hoàn thành, đã quá hạn",
}
RECURRENCE_VI: dict[str, str] = {
    Recurrence.MONTHLY: "Hằng tháng",
    Recurrence.QUARTERLY: "Hằng quý",
    Recurrence.HALF_YEARLY: "6 tháng một lần",
    Recurrence.YEARLY: "Hằng năm",
}
REVIEW_VI: dict[str, str] = {ReviewKind.PRELIMINARY: "Sơ kết", ReviewKind.FINAL: "Tổng kết"}


def vn_date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass
class TaskRow:
    """One task of the document as the report shows it."""

    state: TaskState
    coordinators: list[str]
    result: str

    @property
    def task(self) -> Task:
        return self.state.task

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.state.status]

    @property
    def deadline_text(self) -> str:
        if self.task.deadline:
            return vn_date(self.task.deadline)
        return RECURRENCE_VI.get(self.task.recurrence, "")


@dataclass
class UnitRow:
    """The four-way counts of the tasks one unit leads."""

    unit: Organization
    states: list[TaskState] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return summarize(self.states)

    @property
    def percent(self) -> int:
        return rollup(self.states)


@dataclass(frozen=True)
class Quote:
    """A difficulty or proposal as a unit wrote it in an accepted report."""

    unit: str
    text: str
    reported_on: datetime.date

    def line(self) -> str:
        return f"- {self.unit}: “{self.text}”"


class PeriodReport(NamedTuple):
    """What the review reads of an accepted report of the period."""

    task_id: int
    organization_id: int
    organization_name: str
    reported_on: datetime.date
    narrative: str
    results: str
    difficulties: str
    proposals: str


@dataclass
class ReviewData:
    document: SteeringDocument
    date_from: datetime.date
    date_to: datetime.date
    as_of: datetime.date
    rows: list[TaskRow]
    summary: Summary
    units: list[UnitRow]
    difficulties: list[Quote]
    proposals: list[Quote]
    reports_in_period: int

    @property
    def overdue(self) -> list[TaskRow]:
        return [r for r in self.rows if r.state.status == Status.OVERDUE]


def collect(
    document: SteeringDocument,
    date_from: datetime.date,
    date_to: datetime.date,
    *,
    today: datetime.date | None = None,
) -> ReviewData:
    """Everything a review of ``document`` over [date_from, date_to] says, in five queries.

    Statuses are judged on ``min(date_to, today)``: a review of last year does not count
    this year's reports, and a period running into the future is judged as of today.
    """
    as_of = min(date_to, today or timezone.localdate())
    tasks = list(
        Task.objects.filter(document=document)
        .select_related("document", "lead")
        .order_by("position", "pk")
    )
    coordinators: dict[int, list[str]] = {}
    for task_id, name in (
        Task.coordinators.through.objects.filter(task__document=document)
        .order_by("pk")
        .values_list("task_id", "organization__name")
    ):
        coordinators.setdefault(task_id, []).append(name)
    states = evaluate(tasks, as_of)
    # Plain tuples: thousands of reports are read only for four texts each.
    reports = [
        PeriodReport(*values)
        for values in ProgressReport.objects.filter(
            task__document=document,
            status=ReportStatus.ACCEPTED,
            reported_on__range=(date_from, date_to),
        )
        .order_by("reported_on", "pk")
        .values_list(
            "task_id",
            "organization_id",
            "organization__name",
            "reported_on",
            "narrative",
            "results",
            "difficulties",
            "proposals",
        )
    ]
    latest = {report.task_id: report for report in reports}  # oldest first: the last wins
    rows = [
        TaskRow(
            states[task.pk],
            coordinators.get(task.pk, []),
            _result_text(latest.get(task.pk)),
        )
        for task in tasks
    ]
    own_states = [row.state for row in rows]
    return ReviewData(
        document=document,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        rows=rows,
        summary=summarize(own_states),
        units=_by_unit(own_states),
        difficulties=_quotes(reports, "difficulties"),
        proposals=_quotes(reports, "proposals"),
        reports_in_period=len(reports),
    )


def _result_text(report: PeriodReport | None) -> str:
    if report is None:
        return ""
    return (report.results or report.narrative).strip()


def _by_unit(states: Sequence[TaskState]) -> list[UnitRow]:
    units: dict[int, UnitRow] = {}
    for state in states:
        lead = state.task.lead
        units.setdefault(lead.pk, UnitRow(lead)).states.append(state)
    return sorted(units.values(), key=lambda u: collation_key(u.unit.name))


def _quotes(reports: Sequence[PeriodReport], attribute: str) -> list[Quote]:
    """Each unit's words once: units repeat the same difficulty report after report."""
    seen: set[tuple[int, str]] = set()
    quotes: list[Quote] = []
    for report in reports:
        text = " ".join(str(getattr(report, attribute)).split())
        if not text or (report.organization_id, text.casefold()) in seen:
            continue
        seen.add((report.organization_id, text.casefold()))
        quotes.append(Quote(report.organization_name, text, report.reported_on))
    return quotes


def period_phrase(date_from: datetime.date, date_to: datetime.date) -> str:
    """ "năm 2026", "6 tháng đầu năm 2026", or "từ ngày … đến ngày …"."""
    same_year = date_from.year == date_to.year
    if same_year and (date_from.month, date_from.day) == (1, 1):
        if (date_to.month, date_to.day) == (12, 31):
            return f"năm {date_to.year}"
        if (date_to.month, date_to.day) == (6, 30):
            return f"6 tháng đầu năm {date_to.year}"
    return f"từ ngày {vn_date(date_from)} đến ngày {vn_date(date_to)}"


def document_reference(document: SteeringDocument) -> str:
    """ "Kế hoạch số 137-KH/TU ngày 09/05/2022 của Tỉnh ủy"."""
    kind = KIND_VI.get(document.kind, "Văn bản")
    return (
        f"{kind} số {document.symbol} ngày {vn_date(document.issued_on)} của {document.issuer.name}"
    )


def review_summary(review: ReviewReport) -> str:
    """The line under "BÁO CÁO": "Sơ kết năm 2026 thực hiện Kế hoạch số 137-KH/TU …"."""
    word = REVIEW_VI.get(review.kind, "Sơ kết")
    period = period_phrase(review.period_from, review.period_to)
    return f"{word} {period} thực hiện {document_reference(review.document)}"


def fill_from_data(review: ReviewReport, data: ReviewData | None = None) -> ReviewData:
    """Write the editable text fields from the data (overwriting earlier edits)."""
    data = data or collect(review.document, review.period_from, review.period_to)
    word = REVIEW_VI.get(review.kind, "Sơ kết").lower()
    review.purpose = (
        f"- Đánh giá kết quả {period_phrase(review.period_from, review.period_to)} "
        f"thực hiện {document_reference(review.document)}.\n"
        "- Chỉ ra những kết quả đạt được, hạn chế, khó khăn, vướng mắc và nguyên nhân; "
        "đề xuất nhiệm vụ, giải pháp trong thời gian tới.\n"
        f"- Việc {word} bảo đảm khách quan, đúng thực chất, bám sát các nhiệm vụ được giao."
    )
    review.situation = _situation_text(data)
    review.difficulties = "\n".join(q.line() for q in data.difficulties)
    review.proposals = "\n".join(q.line() for q in data.proposals)
    review.directions = _directions_text(data)
    return data


def _situation_text(data: ReviewData) -> str:
    summary = data.summary
    counts = summary.counts
    units = len(data.units)
    lines = [
        f"{KIND_VI.get(data.document.kind, 'Văn bản')} giao {summary.total} nhiệm vụ "
        f"cho {units} đơn vị chủ trì. Trong kỳ, các đơn vị đã gửi {data.reports_in_period} "
        "báo cáo tiến độ được chấp nhận.",
        f"Tính đến ngày {vn_date(data.as_of)}: {counts[Tally.DONE_ON_TIME]} lượt nhiệm vụ "
        f"hoàn thành đúng hạn, {counts[Tally.DONE_LATE]} hoàn thành chậm, "
        f"{counts[Tally.NOT_DONE_IN_TIME]} chưa hoàn thành nhưng còn trong hạn, "
        f"{counts[Tally.NOT_DONE_OVERDUE]} chưa hoàn thành đã quá hạn"
        + (f"; {summary.paused} nhiệm vụ tạm dừng" if summary.paused else "")
        + f". Tỷ lệ hoàn thành đạt {summary.completion_rate}%, "
        f"tiến độ chung đạt {summary.percent}%.",
    ]
    return "\n".join(lines)


def _directions_text(data: ReviewData) -> str:
    lines = []
    overdue = len(data.overdue)
    if overdue:
        lines.append(
            f"- Tập trung đôn đốc, hoàn thành {overdue} nhiệm vụ đã quá hạn; các đơn vị chủ trì "
            "báo cáo rõ nguyên nhân và thời hạn hoàn thành."
        )
    open_tasks = sum(
        1 for r in data.rows if r.state.status in {Status.IN_PROGRESS, Status.NOT_STARTED}
    )
    if open_tasks:
        lines.append(
            f"- Tiếp tục triển khai {open_tasks} nhiệm vụ đang trong hạn, bảo đảm đúng tiến độ."
        )
    lines.append(
        "- Tăng cường theo dõi, hướng dẫn, kiểm tra, đôn đốc việc thực hiện; "
        "các đơn vị báo cáo tiến độ đúng kỳ."
    )
    return "\n".join(lines)


def text_blocks(text: str) -> list[Block]:
    """Edited text to blocks: "- …" and "+ …" lines are list items, others paragraphs."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in {"- ", "– ", "+ "}:
            marker = "+" if line[0] == "+" else "-"
            blocks.append(Bullet(line[2:].strip(), marker=marker))
        else:
            blocks.append(Paragraph(line))
    return blocks


def results_table(data: ReviewData) -> Table:
    return Table(
        header=("TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Kết quả"),
        rows=[
            (
                row.task.number or str(index),
                row.task.content,
                row.task.lead.name,
                row.status_vi,
                row.result,
            )
            for index, row in enumerate(data.rows, 1)
        ],
        widths=(0.9, 6, 3, 2.4, 5.5),
        align=("center", "justify", "left", "left", "justify"),
        font_size=12,
    )


def status_table(summary: Summary) -> Table:
    """The four-way counts, paused tasks apart, with shares of the whole."""
    total = summary.counted + summary.paused
    rows: list[tuple[str, int, float]] = [
        (TALLY_VI[value], summary.counts.get(value, 0), 0.0) for value, _label in Tally.choices
    ]
    rows.append((STATUS_VI[Status.PAUSED], summary.paused, 0.0))
    rows = [
        (label, count, round(100 * count / total, 1) if total else 0.0) for label, count, _ in rows
    ]
    rows.append(("Tổng số", total, 100.0 if total else 0.0))
    return Table(
        header=("Tình trạng", "Số lượng", "Tỷ lệ (%)"),
        rows=rows,
        widths=(6, 2, 2),
        align=("left", "center", "center"),
        font_size=12,
    )


def unit_table(data: ReviewData) -> Table:
    rows: list[list[CellValue]] = []
    for index, unit in enumerate(data.units, 1):
        counts = unit.summary.counts
        rows.append(
            [
                index,
                unit.unit.name,
                len(unit.states),
                *(counts.get(value, 0) for value in Tally.values),
                unit.percent,
            ]
        )
    return Table(
        header=(
            "TT",
            "Đơn vị chủ trì",
            "Số nhiệm vụ",
            "Đúng hạn",
            "Chậm",
            "Trong hạn",
            "Quá hạn",
            "Tiến độ (%)",
        ),
        rows=rows,
        widths=(0.8, 5, 1.6, 1.6, 1.4, 1.6, 1.6, 1.6),
        align=("center", "left", *(("center",) * 6)),
        font_size=11,
    )


def appendix_table(data: ReviewData) -> Table:
    return Table(
        header=(
            "TT",
            "Nội dung nhiệm vụ",
            "Chủ trì",
            "Phối hợp",
            "Thời hạn",
            "Tình trạng",
            "Tiến độ (%)",
        ),
        rows=[
            (
                row.task.number or str(index),
                row.task.content,
                row.task.lead.name,
                "; ".join(row.coordinators),
                row.deadline_text,
                row.status_vi,
                row.state.percent,
            )
            for index, row in enumerate(data.rows, 1)
        ],
        widths=(0.9, 6, 2.6, 2.6, 1.9, 2, 1.5),
        align=("center", "justify", "left", "left", "center", "left", "center"),
        font_size=11,
    )


def review_body(review: ReviewReport, data: ReviewData) -> list[Block]:
    """Sections I–IV from the edited text and the live tables, then the appendix."""
    none_reported = Paragraph("Các đơn vị không phản ánh nội dung này trong kỳ.", italic=True)
    return [
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        *text_blocks(review.purpose),
        Heading("II. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"),
        Heading("1. Tình hình triển khai", level=2),
        *text_blocks(review.situation),
        Heading("2. Kết quả thực hiện các nhiệm vụ", level=2),
        results_table(data),
        Heading("3. Tổng hợp theo tình trạng thực hiện", level=2),
        status_table(data.summary),
        Heading("4. Tổng hợp theo đơn vị chủ trì", level=2),
        unit_table(data),
        Heading("III. KHÓ KHĂN, VƯỚNG MẮC"),
        *(text_blocks(review.difficulties) or [none_reported]),
        Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ VÀ PHƯƠNG HƯỚNG THỜI GIAN TỚI"),
        Heading("1. Đề xuất, kiến nghị", level=2),
        *(text_blocks(review.proposals) or [none_reported]),
        Heading("2. Phương hướng, nhiệm vụ thời gian tới", level=2),
        *text_blocks(review.directions),
        # docgen prints the signature after the body, so the appendix closes the body
        # on its own page rather than following the signature.
        PageBreak(),
        Paragraph(Span("PHỤ LỤC", bold=True), align="center", indent=False),
        Paragraph(
            Span("Danh mục nhiệm vụ và tình hình thực hiện", bold=True),
            align="center",
            indent=False,
        ),
        Paragraph(
            f"(Kèm theo Báo cáo {word_of(review).lower()} thực hiện "
            f"{document_reference(review.document)})",
            align="center",
            indent=False,
            italic=True,
        ),
        appendix_table(data),
    ]


def word_of(review: ReviewReport) -> str:
    return REVIEW_VI.get(review.kind, "Sơ kết")


def draft_symbol(organization: Organization, kind_code: str, style: Style) -> str:
    """An unnumbered symbol ("     -BC/TU"): the clerical office writes the number on issue."""
    gap = "\u00a0" * 6
    if style == "party":
        return f"{gap}-{kind_code}/{organization.code}"
    if not kind_code:  # a state công văn carries no kind: "05/LHH"
        return f"{gap}/{organization.code}"
    return f"{gap}/{kind_code}-{organization.code}"


def signer_parts(text: str) -> tuple[str, str]:
    """ "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH" → (authority, title); a one-line title has none."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1:
        return lines[0], " ".join(lines[1:])
    return "", lines[0] if lines else ""


def review_recipients(document: SteeringDocument) -> list[str]:
    issuer = document.issuer
    recipients = []
    if issuer.parent is not None:
        recipients.append(f"{issuer.parent.name} (để báo cáo)")
    if document.monitor is not None and document.monitor_id != issuer.pk:
        recipients.append(document.monitor.name)
    recipients.append("Các đơn vị được giao nhiệm vụ")
    return recipients


def build_review_docx(review: ReviewReport, data: ReviewData | None = None) -> bytes:
    """The review as a .docx in the issuer's style (Party or state)."""
    document = review.document
    data = data or collect(document, review.period_from, review.period_to)
    issuer = document.issuer
    style: Style = "party" if issuer.is_party_body else "state"
    authority, title = signer_parts(review.signer_title)
    return build_docx(
        OfficialDocument(
            style=style,
            issuer=issuer.name,
            parent_issuer=issuer.parent.name if issuer.parent is not None else "",
            symbol=review.symbol or draft_symbol(issuer, "BC", style),
            place=review.place or "Lai Châu",
            date=review.report_date,
            doc_type="BÁO CÁO",
            summary=review_summary(review),
            body=review_body(review, data),
            signer_authority=authority,
            signer_title=title,
            signer_name=review.signer_name,
            recipients=review_recipients(document),
        )
    )


def review_filename(review: ReviewReport) -> str:
    """ "so-ket-137-KH-TU-2026.docx"."""
    word = "tong-ket" if review.kind == ReviewKind.FINAL else "so-ket"
    symbol = "".join(c if c.isalnum() else "-" for c in review.document.symbol)
    return f"{word}-{symbol}-{review.period_to.year}.docx"


def review_for(
    document: SteeringDocument,
    date_from: datetime.date,
    date_to: datetime.date,
    kind: str | None = None,
) -> ReviewReport:
    """The stored review of this document and period, else an unsaved one filled from data."""
    stored = ReviewReport.objects.filter(
        document=document, period_from=date_from, period_to=date_to
    ).select_related("document__issuer__parent", "document__monitor")
    if kind:
        stored = stored.filter(kind=kind)
    review = stored.order_by("-updated_at", "-pk").first()
    if review is not None:
        return review
    review = ReviewReport(
        document=document,
        kind=kind or ReviewKind.PRELIMINARY,
        period_from=date_from,
        period_to=date_to,
        report_date=timezone.localdate(),
    )
    fill_from_data(review)
    return review


def load_review(pk: int) -> ReviewReport:
    return ReviewReport.objects.select_related("document__issuer__parent", "document__monitor").get(
        pk=pk
    )


@register("directives.review_docx")
def review_docx_job(job: Job) -> None:
    review = load_review(int(job.params["review_id"]))
    job.report(10, _("Collecting the tasks and reports"))
    data = collect(review.document, review.period_from, review.period_to)
    job.report(40, _("Writing the document"))
    attach_file(job, review_filename(review), build_review_docx(review, data))
    job.report(100, _("The review report is ready."))
