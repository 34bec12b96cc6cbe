"""Who may see, report on, decide and manage steering documents and tasks.

* Readers of the whole province (administrators, Union staff and leaders,
  oversight bodies) see every document, task and report.
* A unit reporter sees the tasks its organization leads or coordinates, the
  documents they belong to (showing only those tasks), and reports on them.
* The assigning body decides on progress reports: the users who hold an
  oversight or Union role in the document's issuing or monitoring body, and
  administrators.
* Union staff and leaders (and administrators) manage documents and tasks.
* Oversight roles urge and comment; readers export and write review reports.

Objects a user may not see answer 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from lienhiep.core.access import (
    MANAGER_ROLES,
    READER_ROLES,
    AnyUser,
    has_role,
    organizations_with_role,
    roles_of,
)
from lienhiep.core.models import Organization, Role, RoleAssignment
from lienhiep.directives.models import ProgressReport, ReviewReport, SteeringDocument, Task

DECIDER_ROLES = frozenset({Role.OVERSIGHT, Role.UNION_STAFF, Role.UNION_LEADER})
URGER_ROLES = frozenset({Role.ADMIN, Role.OVERSIGHT, Role.UNION_STAFF, Role.UNION_LEADER})


def reads_everything(user: AnyUser) -> bool:
    return has_role(user, READER_ROLES)


def can_manage(user: AnyUser) -> bool:
    """Create and edit documents and tasks, import plans."""
    return has_role(user, MANAGER_ROLES)


def can_urge(user: AnyUser) -> bool:
    return has_role(user, URGER_ROLES)


def can_comment(user: AnyUser) -> bool:
    return has_role(user, URGER_ROLES)


def can_review(user: AnyUser) -> bool:
    """Write preliminary and final review reports and export task tables."""
    return reads_everything(user)


def is_reporter(user: AnyUser) -> bool:
    return Role.UNIT_REPORTER in roles_of(user)


def can_use_module(user: AnyUser) -> bool:
    return reads_everything(user) or is_reporter(user)


def reporting_units(user: AnyUser) -> QuerySet[Organization]:
    return organizations_with_role(user, {Role.UNIT_REPORTER})


def tasks_visible_to(user: AnyUser) -> QuerySet[Task]:
    if reads_everything(user):
        return Task.objects.all()
    if not is_reporter(user):
        return Task.objects.none()
    units = reporting_units(user)
    return Task.objects.filter(Q(lead__in=units) | Q(coordinators__in=units)).distinct()


def documents_visible_to(user: AnyUser) -> QuerySet[SteeringDocument]:
    if reads_everything(user):
        return SteeringDocument.objects.all()
    if not is_reporter(user):
        return SteeringDocument.objects.none()
    visible_tasks = tasks_visible_to(user).values("document_id")
    return SteeringDocument.objects.filter(pk__in=visible_tasks)


def can_report_on(user: AnyUser, task: Task) -> bool:
    """Unit reporters of the lead or a coordinating unit report on a task."""
    if not is_reporter(user):
        return False
    units = set(reporting_units(user).values_list("pk", flat=True))
    if task.lead_id in units:
        return True
    return task.coordinators.filter(pk__in=units).exists()


def decided_documents(user: AnyUser) -> QuerySet[SteeringDocument]:
    """The documents on whose reports the user decides: those its assigning bodies
    (issuer or monitor) issued or monitor, or all of them for an administrator."""
    if has_role(user, {Role.ADMIN}):
        return SteeringDocument.objects.all()
    if not user.is_authenticated:
        return SteeringDocument.objects.none()
    bodies = RoleAssignment.objects.filter(user_id=user.pk, role__in=list(DECIDER_ROLES)).values(
        "organization_id"
    )
    return SteeringDocument.objects.filter(Q(issuer__in=bodies) | Q(monitor__in=bodies))


def can_decide(user: AnyUser, document: SteeringDocument) -> bool:
    """Accept or return reports: the assigning body (issuer or monitor), or an administrator."""
    return decided_documents(user).filter(pk=document.pk).exists()


def access_document(user: AnyUser, pk: int, *, for_change: bool = False) -> SteeringDocument:
    if for_change and not can_manage(user):
        raise Http404
    try:
        return (
            documents_visible_to(user)
            .select_related("issuer", "monitor", "implements", "superseded_by")
            .get(pk=pk)
        )
    except SteeringDocument.DoesNotExist:
        raise Http404 from None


def access_task(user: AnyUser, pk: int, *, for_change: bool = False) -> Task:
    if for_change and not can_manage(user):
        raise Http404
    try:
        return (
            tasks_visible_to(user)
            .select_related("document__issuer", "document__monitor", "lead", "parent")
            .get(pk=pk)
        )
    except Task.DoesNotExist:
        raise Http404 from None


def access_report(user: AnyUser, pk: int) -> ProgressReport:
    try:
        report = ProgressReport.objects.select_related(
            "task__document", "organization", "submitted_by", "decided_by"
        ).get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    # Seeing the task is not enough: a coordinating unit sees its own reports and
    # the accepted ones, not another unit's drafts awaiting decision.
    access_task(user, report.task_id)
    if reads_everything(user) or report.status == "accepted":
        return report
    if report.organization_id in set(reporting_units(user).values_list("pk", flat=True)):
        return report
    raise Http404


def access_review(user: AnyUser, pk: int) -> ReviewReport:
    if not can_review(user):
        raise Http404
    try:
        return ReviewReport.objects.select_related("document__issuer").get(pk=pk)
    except ReviewReport.DoesNotExist:
        raise Http404 from None
