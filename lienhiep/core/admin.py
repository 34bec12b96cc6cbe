from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lienhiep.core.models import Organization, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "organization", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    list_select_related = ["organization"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["organization"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "email", "phone", "organization", "position"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "organization", "password1", "password2"],
            },
        ),
    ]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organization", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__username", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
