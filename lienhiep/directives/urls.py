from django.urls import path

from lienhiep.directives.views import dashboard, documents, imports, reviews, tasks

app_name = "directives"
urlpatterns = [
    path("", documents.document_list, name="document_list"),
    path("new/", documents.document_create, name="document_create"),
    path("<int:pk>/", documents.document_detail, name="document_detail"),
    path("<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("<int:pk>/history/", documents.document_history, name="document_history"),
    path("<int:pk>/attachments/", documents.attachment_upload, name="attachment_upload"),
    path(
        "attachments/<int:pk>/",
        documents.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/export/", documents.document_export, name="document_export"),
    path("<int:pk>/tasks/new/", tasks.task_create, name="task_create"),
    path("<int:pk>/import/", imports.import_tasks, name="import_tasks"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
    path("tasks/mine/", tasks.my_tasks, name="my_tasks"),
    path("tasks/overdue/", tasks.overdue_list, name="overdue_list"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/history/", tasks.task_history, name="task_history"),
    path("tasks/<int:pk>/report/", tasks.report_create, name="report_create"),
    path("tasks/<int:pk>/urge/", tasks.task_urge, name="task_urge"),
    path("tasks/<int:pk>/comment/", tasks.task_comment, name="task_comment"),
    path("reports/<int:pk>/decide/", tasks.report_decide, name="report_decide"),
    path("evidence/<int:pk>/", tasks.evidence_download, name="evidence_download"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/reviews/new/", reviews.review_create, name="review_create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/regenerate/", reviews.review_regenerate, name="review_regenerate"),
    path("reviews/<int:pk>/download/", reviews.review_download, name="review_download"),
    path("urging-letter/", reviews.urging_letter, name="urging_letter"),
]
