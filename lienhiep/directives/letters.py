"""The formal urging letter (công văn đôn đốc) about overdue tasks, as a .docx.

The letter goes out in the sender's own style (Party or state), addressed to the
lead units of the chosen tasks; the job that writes it also records one urging
per task, which tells each lead unit in the app.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from lienhiep.core.models import Organization, User
from lienhiep.directives import actions
from lienhiep.directives.models import Task, UrgingKind
from lienhiep.directives.review import draft_symbol, signer_parts, vn_date
from lienhiep.directives.status import Status, evaluate
from lienhiep.docgen import Block, OfficialDocument, Paragraph, Table, build_docx
from lienhiep.docgen.official import Style
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import JobError, attach_file, register
from lienhiep.vn import collation_key

#: Days the lead units are given to answer the letter.
REPLY_DAYS = 10


@dataclass(frozen=True)
class OverdueTask:
    task: Task
    due: datetime.date | None
    days: int


def overdue_tasks(tasks: Iterable[Task], today: datetime.date) -> list[OverdueTask]:
    """The tasks among ``tasks`` that are overdue on ``today``, most overdue first.

    Pass tasks loaded with ``select_related("document", "lead")``; the states come from
    ``status.evaluate`` in a fixed number of queries.
    """
    chosen = list(tasks)
    # evaluate() also judges the sub-tasks below the chosen ones: keep only the chosen.
    states = evaluate(chosen, today)
    found = [
        OverdueTask(task, states[task.pk].due, states[task.pk].verdict.days_overdue(today))
        for task in chosen
        if states[task.pk].status == Status.OVERDUE
    ]
    return sorted(found, key=lambda o: (-o.days, o.task.document.symbol, o.task.position))


def addressees(rows: Sequence[OverdueTask]) -> list[Organization]:
    units = {row.task.lead.pk: row.task.lead for row in rows}
    return sorted(units.values(), key=lambda unit: collation_key(unit.name))


def letter_body(
    sender: Organization, rows: Sequence[OverdueTask], today: datetime.date
) -> list[Block]:
    reply_by = today + datetime.timedelta(days=REPLY_DAYS)
    table = Table(
        header=("TT", "Nhiệm vụ", "Văn bản", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn"),
        rows=[
            (
                index,
                row.task.content,
                row.task.document.symbol,
                row.task.lead.name,
                row.due,
                row.days,
            )
            for index, row in enumerate(rows, 1)
        ],
        widths=(0.8, 6, 2.2, 3, 2, 1.8),
        align=("center", "justify", "center", "left", "center", "center"),
        font_size=12,
    )
    return [
        Paragraph(
            f"Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các văn bản chỉ đạo, "
            f"{sender.name} nhận thấy đến ngày {vn_date(today)}, các nhiệm vụ dưới đây đã "
            "quá thời hạn nhưng chưa có báo cáo hoàn thành được chấp nhận:"
        ),
        table,
        Paragraph(
            "Đề nghị các đơn vị khẩn trương chỉ đạo hoàn thành các nhiệm vụ nêu trên; báo cáo "
            "kết quả thực hiện, nêu rõ nguyên nhân chậm và thời hạn hoàn thành, gửi về "
            f"{sender.name} trước ngày {vn_date(reply_by)}."
        ),
        Paragraph(f"{sender.name} đề nghị các đơn vị quan tâm, thực hiện./."),
    ]


def build_urging_letter(
    sender: Organization,
    tasks: Iterable[Task],
    today: datetime.date,
    *,
    symbol: str = "",
    signer_title: str = "",
    signer_name: str = "",
    place: str = "Lai Châu",
) -> bytes:
    """A công văn urging the lead units of the overdue ``tasks`` (others are left out)."""
    rows = overdue_tasks(tasks, today)
    style: Style = "party" if sender.is_party_body else "state"
    authority, title = signer_parts(signer_title)
    summary = "V/v đôn đốc thực hiện nhiệm vụ quá hạn"
    symbols = sorted({row.task.document.symbol for row in rows})
    if len(symbols) == 1:
        summary += f" theo văn bản số {symbols[0]}"
    return build_docx(
        OfficialDocument(
            style=style,
            issuer=sender.name,
            parent_issuer=sender.parent.name if sender.parent is not None else "",
            symbol=symbol or draft_symbol(sender, "CV" if style == "party" else "", style),
            place=place,
            date=today,
            doc_type="",
            summary=summary,
            body=letter_body(sender, rows, today),
            signer_authority=authority,
            signer_title=title,
            signer_name=signer_name,
            addressees=[unit.name for unit in addressees(rows)],
            recipients=["Như trên"],
        )
    )


@register("directives.urging_letter")
def urging_letter_job(job: Job) -> None:
    params = job.params
    today = datetime.date.fromisoformat(params["today"])
    sender = Organization.objects.select_related("parent").get(pk=params["sender_id"])
    tasks = list(Task.objects.filter(pk__in=params["task_ids"]).select_related("document", "lead"))
    rows = overdue_tasks(tasks, today)
    if not rows:
        raise JobError(_("None of the chosen tasks is overdue any more."))
    job.report(20, _("Writing the letter"))
    content = build_urging_letter(
        sender,
        [row.task for row in rows],
        today,
        symbol=params.get("symbol", ""),
        signer_title=params.get("signer_title", ""),
        signer_name=params.get("signer_name", ""),
    )
    attach_file(job, f"cong-van-don-doc-{today:%Y%m%d}.docx", content)
    actor = job.owner if isinstance(job.owner, User) else None
    for index, row in enumerate(rows, 1):
        # The urging is read by the task's units: in the site's language, not the one of
        # the page that asked for the letter.
        with translation.override(settings.LANGUAGE_CODE):
            actions.do_urge(
                actor,
                row.task,
                kind=UrgingKind.LETTER,
                message=_("An urging letter from %(sender)s: this task is %(days)d days overdue.")
                % {"sender": sender.name, "days": row.days},
                today=today,
                due=row.due,
                days=-row.days,
            )
        job.report(20 + 80 * index // len(rows), _("Recording the urgings"))
