"""Writes to documents, tasks, reports and urgings: one named function per change.

Each runs in a transaction and stamps the change history with its author;
views, commands and jobs all go through here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.core.actions import do_notify, stamp
from lienhiep.core.models import Organization, Role, RoleAssignment, User
from lienhiep.directives.models import (
    DocumentAttachment,
    EvidenceFile,
    ProgressReport,
    ReportStatus,
    ReviewReport,
    SteeringDocument,
    Task,
    TaskComment,
    Urging,
    UrgingKind,
)


def unit_contacts(organizations: Iterable[Organization | int]) -> list[User]:
    """The unit reporters of the given organizations: who hears about their tasks."""
    ids = [o if isinstance(o, int) else o.pk for o in organizations]
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__organization_id__in=ids,
            role_assignments__role=Role.UNIT_REPORTER,
        ).distinct()
    )


def assigner_contacts(document: SteeringDocument) -> list[User]:
    """Who decides on reports for a document: oversight and Union roles at its issuer or monitor."""
    bodies = [pk for pk in (document.issuer_id, document.monitor_id) if pk]
    user_ids = RoleAssignment.objects.filter(
        organization_id__in=bodies,
        role__in=[Role.OVERSIGHT, Role.UNION_STAFF, Role.UNION_LEADER],
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True))


@transaction.atomic
def do_save_document(actor: User | None, document: SteeringDocument) -> SteeringDocument:
    document.full_clean()
    if document._state.adding and document.created_by_id is None:
        document.created_by = actor
    stamp(document, actor)
    document.save()
    return document


@transaction.atomic
def do_add_attachment(
    actor: User | None, document: SteeringDocument, upload: UploadedFile
) -> DocumentAttachment:
    attachment = DocumentAttachment(
        document=document, name=upload.name or "tep", size=upload.size or 0, uploaded_by=actor
    )
    attachment.file.save(upload.name or "tep", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def do_save_task(
    actor: User | None,
    task: Task,
    coordinators: Sequence[Organization] | None = None,
) -> Task:
    task.full_clean()
    if task._state.adding and not task.position:
        last = Task.objects.filter(document_id=task.document_id).aggregate(m=Max("position"))["m"]
        task.position = (last or 0) + 1
    stamp(task, actor)
    task.save()
    if coordinators is not None:
        task.coordinators.set([c for c in coordinators if c.pk != task.lead_id])
    return task


@transaction.atomic
def do_submit_report(
    actor: User | None,
    report: ProgressReport,
    files: Sequence[UploadedFile] = (),
) -> ProgressReport:
    """File a progress report; the assigning body is told there is one to decide."""
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = actor
    report.full_clean()
    stamp(report, actor)
    report.save()
    for upload in files:
        evidence = EvidenceFile(report=report, name=upload.name or "tep", size=upload.size or 0)
        evidence.file.save(upload.name or "tep", upload, save=False)
        evidence.save()
    document = report.task.document
    transaction.on_commit(
        lambda: do_notify(
            [u for u in assigner_contacts(document) if u != actor],
            _("%(unit)s reported %(percent)d%% on a task of %(symbol)s: accept or return it.")
            % {"unit": report.organization, "percent": report.percent, "symbol": document.symbol},
            url=report.get_absolute_url(),
        )
    )
    return report


@transaction.atomic
def do_decide_report(
    actor: User, report: ProgressReport, *, accept: bool, reason: str = ""
) -> ProgressReport:
    """Accept a report (it then counts) or return it with a reason (it never counts)."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValueError("already decided")
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.return_reason = "" if accept else reason.strip()
    report.decided_by = actor
    report.decided_at = timezone.now()
    stamp(report, actor)
    report.save()
    if accept:
        text = _("Your report on a task of %(symbol)s was accepted.")
    else:
        text = _("Your report on a task of %(symbol)s was returned: %(reason)s")
    message = text % {"symbol": report.task.document.symbol, "reason": report.return_reason}
    recipients = unit_contacts([report.organization_id])
    if report.submitted_by and report.submitted_by not in recipients:
        recipients.append(report.submitted_by)
    transaction.on_commit(lambda: do_notify(recipients, message, url=report.get_absolute_url()))
    return report


@transaction.atomic
def do_urge(
    actor: User | None,
    task: Task,
    *,
    kind: str = UrgingKind.MANUAL,
    message: str = "",
    today: datetime.date | None = None,
    due: datetime.date | None = None,
    days: int = 0,
    copy_assigner: bool = False,
) -> Urging:
    """Record an urging and tell the lead unit (and the assigning body when copied)."""
    urging = Urging.objects.create(
        task=task,
        kind=kind,
        sent_on=today or timezone.localdate(),
        due_date=due,
        days=days,
        message=message,
        sent_by=actor,
        copied_to_assigner=copy_assigner,
    )
    recipients = unit_contacts([task.lead_id])
    if copy_assigner:
        recipients += [u for u in assigner_contacts(task.document) if u not in recipients]
    text = message or _("Please report on the task: %(task)s") % {"task": task}
    subject = _("Urging on a task of %(symbol)s") % {"symbol": task.document.symbol}
    transaction.on_commit(
        lambda: do_notify(recipients, text, url=task.get_absolute_url(), subject=subject)
    )
    return urging


@transaction.atomic
def do_comment(actor: User, task: Task, text: str) -> TaskComment:
    return TaskComment.objects.create(task=task, author=actor, text=text.strip())


@transaction.atomic
def do_save_review(actor: User | None, review: ReviewReport) -> ReviewReport:
    review.full_clean()
    if review._state.adding and review.created_by_id is None:
        review.created_by = actor
    stamp(review, actor)
    review.save()
    return review
