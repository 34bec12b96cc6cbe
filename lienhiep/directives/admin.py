from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lienhiep.directives.models import (
    DocumentAttachment,
    EvidenceFile,
    ProgressReport,
    ReviewReport,
    SteeringDocument,
    Task,
    TaskComment,
    Urging,
)


class AttachmentInline(admin.TabularInline):
    model = DocumentAttachment
    extra = 0
    fields = ["name", "file", "size"]
    readonly_fields = ["size"]


@admin.register(SteeringDocument)
class SteeringDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "kind", "issuer", "issued_on", "in_force"]
    list_filter = ["kind", "in_force", "issuer"]
    search_fields = ["symbol", "title", "search_text"]
    autocomplete_fields = ["issuer", "monitor", "implements", "superseded_by"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [AttachmentInline]
    date_hierarchy = "issued_on"


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "document", "lead", "deadline", "recurrence", "paused"]
    list_filter = ["recurrence", "paused", "document__kind"]
    search_fields = ["content", "document__symbol", "lead__name"]
    autocomplete_fields = ["document", "parent", "lead", "coordinators"]
    list_select_related = ["document", "lead"]


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "organization", "percent", "reported_on", "status"]
    list_filter = ["status"]
    search_fields = ["task__content", "organization__name", "narrative"]
    autocomplete_fields = ["task", "organization", "resubmits"]
    readonly_fields = ["submitted_by", "submitted_at", "decided_by", "decided_at"]
    list_select_related = ["task", "organization"]
    inlines = [EvidenceInline]


@admin.register(Urging)
class UrgingAdmin(admin.ModelAdmin):
    list_display = ["task", "kind", "sent_on", "days", "copied_to_assigner"]
    list_filter = ["kind", "sent_on"]
    autocomplete_fields = ["task"]
    list_select_related = ["task"]


@admin.register(TaskComment)
class TaskCommentAdmin(admin.ModelAdmin):
    list_display = ["task", "author", "created_at"]
    autocomplete_fields = ["task"]


@admin.register(ReviewReport)
class ReviewReportAdmin(SimpleHistoryAdmin):
    list_display = ["document", "kind", "period_from", "period_to"]
    list_filter = ["kind"]
    autocomplete_fields = ["document"]
