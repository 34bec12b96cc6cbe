from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core import access, actions
from lienhiep.core.forms import (
    OrganizationFilterForm,
    OrganizationForm,
    RoleAssignmentForm,
    UserCreateForm,
    UserForm,
)
from lienhiep.core.history import change_history
from lienhiep.core.homepage import home_sections, role_intros
from lienhiep.core.models import Organization, RoleAssignment, User
from lienhiep.jobs.runner import start_job
from lienhiep.vn import collation_key, fold


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"sections": home_sections(request.user), "intros": role_intros(request.user)}
    return render(request, "core/home.html", context)


@dataclass
class TreeRow:
    organization: Organization
    depth: int


def _tree_rows(organizations: Sequence[Organization]) -> list[TreeRow]:
    """Depth-first order; organizations whose parent is not listed start a branch."""
    by_parent: dict[int | None, list[Organization]] = {}
    ids = {o.pk for o in organizations}
    for org in organizations:
        parent = org.parent_id if org.parent_id in ids else None
        by_parent.setdefault(parent, []).append(org)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for org in by_parent.get(parent, []):
            rows.append(TreeRow(org, depth))
            walk(org.pk, depth + 1)

    walk(None, 0)
    return rows


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_directory(request.user))
    form = OrganizationFilterForm(request.GET or None)
    organizations = Organization.objects.select_related("parent").annotate(
        user_count=Count("users", distinct=True)
    )
    query = ""
    if form.is_valid():
        if form.cleaned_data["kind"]:
            organizations = organizations.filter(kind=form.cleaned_data["kind"])
        query = fold(form.cleaned_data["q"])
    # Vietnamese alphabetical order (Đ after D, tones after the bare letter),
    # which neither SQLite nor a default PostgreSQL collation gives.
    listed = sorted(organizations, key=lambda o: collation_key(o.name))
    if query:
        # A province has hundreds of organizations, not millions: folding in
        # Python keeps the search diacritic-insensitive on every database.
        listed = [o for o in listed if query in fold(f"{o.name} {o.short_name} {o.code}")]
    context = {
        "form": form,
        "rows": _tree_rows(listed),
        "can_manage": access.can_manage_directory(request.user),
    }
    return render(request, "core/organization_list.html", context)


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.access_organization(request.user, pk)
    children = sorted(organization.children.all(), key=lambda o: collation_key(o.name))
    members = access.users_visible_to(request.user).filter(organization=organization)
    members = members.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.filter(organization=organization),
            to_attr="roles_here",
        )
    ).order_by("full_name", "username")
    context = {
        "organization": organization,
        "ancestors": organization.ancestors(),
        "children": children,
        "members": members,
        "can_manage": access.can_manage_directory(request.user),
    }
    return render(request, "core/organization_detail.html", context)


@login_required
def organization_create(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_directory(request.user))
    form = OrganizationForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        organization = actions.do_save_organization(_actor(request), form.instance)
        messages.success(request, _("The organization was created."))
        return redirect(organization)
    return render(request, "core/organization_form.html", {"form": form})


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.access_organization(request.user, pk, for_change=True)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        actions.do_save_organization(_actor(request), form.instance)
        messages.success(request, _("Changes saved."))
        return redirect(organization)
    return render(
        request, "core/organization_form.html", {"form": form, "organization": organization}
    )


@login_required
def organization_history(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.access_organization(request.user, pk)
    entries = change_history(organization.history.all(), Organization)
    return render(request, "core/history.html", {"object": organization, "entries": entries})


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_directory(request.user))
    users = (
        User.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("organization"),
            )
        )
        .order_by("organization__name", "full_name", "username")
    )
    organization_id = request.GET.get("organization", "")
    if organization_id.isdigit():
        users = users.filter(organization_id=int(organization_id))
    context = {
        "users": users,
        "organizations": Organization.objects.order_by("name").only("pk", "name"),
        "organization_id": organization_id,
        "can_manage": access.can_manage_directory(request.user),
    }
    return render(request, "core/user_list.html", context)


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk)
    assignments = target.role_assignments.select_related("organization").order_by(
        "organization__name", "role"
    )
    can_manage = access.can_manage_directory(request.user) and (
        not target.is_superuser or access.has_role(request.user, {"admin"})
    )
    context = {
        "target": target,
        "assignments": assignments,
        "can_manage": can_manage,
        "role_form": RoleAssignmentForm(actor=request.user, user=target) if can_manage else None,
    }
    return render(request, "core/user_detail.html", context)


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_directory(request.user))
    form = UserCreateForm(request.POST or None, initial={"organization": request.GET.get("org")})
    if request.method == "POST" and form.is_valid():
        user = actions.do_save_user(
            _actor(request), form.instance, password=form.cleaned_data.get("password1")
        )
        messages.success(request, _("The account was created. Now give it a role."))
        return redirect(user)
    return render(request, "core/user_form.html", {"form": form})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk, for_change=True)
    form = UserForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        actions.do_save_user(_actor(request), form.instance)
        messages.success(request, _("Changes saved."))
        return redirect(target)
    return render(request, "core/user_form.html", {"form": form, "target": target})


@login_required
def user_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk, for_change=True)
    form = SetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_save_user(_actor(request), target, password=form.cleaned_data["new_password1"])
        messages.success(request, _("The new password was set."))
        return redirect(target)
    return render(request, "core/user_password.html", {"form": form, "target": target})


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk, for_change=True)
    active = request.POST.get("active") == "1"
    if target.pk == request.user.pk and not active:
        messages.error(request, _("You cannot lock your own account."))
    else:
        actions.do_set_user_active(_actor(request), target, active=active)
        messages.success(
            request, _("The account was unlocked.") if active else _("The account was locked.")
        )
    return redirect(target)


@login_required
@require_POST
def user_role_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk, for_change=True)
    form = RoleAssignmentForm(request.POST, actor=request.user, user=target)
    if form.is_valid():
        actions.do_assign_role(
            _actor(request),
            target,
            form.cleaned_data["organization"],
            form.cleaned_data["role"],
        )
        messages.success(request, _("The role was granted."))
        return redirect(target)
    assignments = target.role_assignments.select_related("organization")
    context = {"target": target, "assignments": assignments, "can_manage": True, "role_form": form}
    return render(request, "core/user_detail.html", context, status=400)


@login_required
@require_POST
def user_role_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk, for_change=True)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=target)
    if not access.can_grant_role(request.user, assignment.role):
        messages.error(request, _("Only an administrator may remove this role."))
    else:
        actions.do_revoke_role(_actor(request), assignment)
        messages.success(request, _("The role was removed."))
    return redirect(target)


@login_required
def user_history(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.access_user(request.user, pk)
    entries = change_history(target.history.all(), User)
    role_entries = change_history(
        RoleAssignment.history.filter(user_id=target.pk).select_related("organization"),
        RoleAssignment,
        describe=lambda r: (
            _("Role “%(role)s” in %(organization)s")
            % {"role": r.get_role_display(), "organization": r.organization}
        ),
    )
    merged = sorted(entries + role_entries, key=lambda e: e.when, reverse=True)
    return render(request, "core/history.html", {"object": target, "entries": merged})


@login_required
@require_POST
def directory_export(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_directory(request.user))
    job = start_job(
        "core.export_directory",
        title=_("Export of organizations and accounts"),
        owner=_actor(request),
        params={},
    )
    return redirect(job)


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user
