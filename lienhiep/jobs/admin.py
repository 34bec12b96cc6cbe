from django.contrib import admin

from lienhiep.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "status", "percent", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]
    readonly_fields = [f.name for f in Job._meta.fields]
