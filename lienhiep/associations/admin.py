from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lienhiep.associations.models import ActivityReport, Association, Branch, MemberCount


class MemberCountInline(admin.TabularInline[MemberCount, Association]):
    model = MemberCount
    extra = 0


class BranchInline(admin.TabularInline[Branch, Association]):
    model = Branch
    extra = 0


class ActivityReportInline(admin.TabularInline[ActivityReport, Association]):
    model = ActivityReport
    extra = 0
    fields = ["year", "summary", "file"]


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "abbreviation", "field", "status", "next_congress_on"]
    list_filter = ["status", "field"]
    search_fields = ["organization__name", "abbreviation"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]
    inlines = [MemberCountInline, BranchInline, ActivityReportInline]
