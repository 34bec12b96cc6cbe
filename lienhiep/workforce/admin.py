from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from lienhiep.workforce.models import (
    AcademicTitle,
    Degree,
    Ethnicity,
    Membership,
    Person,
    PersonalDataExport,
    RosterImport,
)


@admin.register(Ethnicity, AcademicTitle)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code", "synonyms"]


@admin.register(Degree)
class DegreeAdmin(admin.ModelAdmin[Degree]):
    list_display = ["name", "code", "rank", "position"]
    search_fields = ["name", "code", "synonyms"]


class MembershipInline(admin.TabularInline[Membership, Person]):
    model = Membership
    extra = 0
    autocomplete_fields = ["association"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "birth_year", "degree", "title", "field", "commune"]
    list_filter = ["degree", "title", "field", "gender", "willing_expert"]
    # The admin's own icontains search; the finder (folded name, indexed) is the fast path.
    search_fields = ["full_name"]
    list_select_related = ["degree", "title", "commune"]
    autocomplete_fields = ["commune", "ethnicity"]
    inlines = [MembershipInline]


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin[RosterImport]):
    list_display = ["file_name", "association", "created", "updated", "imported_at", "undone_at"]
    readonly_fields = ["created", "updated", "skipped", "imported_by", "imported_at", "undone_at"]


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(admin.ModelAdmin[PersonalDataExport]):
    """The export log is evidence (Decree 13/2023/NĐ-CP): nobody adds, edits or deletes it."""

    list_display = ["created_at", "user", "what", "rows"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    search_fields = ["what", "user__username", "user__full_name"]
    readonly_fields = ["what", "user", "created_at", "rows", "filters"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: PersonalDataExport | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: PersonalDataExport | None = None
    ) -> bool:
        return False
