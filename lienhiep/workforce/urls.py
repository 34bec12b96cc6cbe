from django.urls import path

from lienhiep.workforce import export_views, import_views, views

app_name = "workforce"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/history/", views.person_history, name="person_history"),
    path("<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("<int:pk>/memberships/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    path("export/", export_views.export, name="export"),
    path("export/log/", export_views.export_log, name="export_log"),
    path("erasures/", export_views.erasure_log, name="erasure_log"),
    path("import/", import_views.import_start, name="import_start"),
    path("import/history/", import_views.import_history, name="import_history"),
    path("import/<uuid:pk>/", import_views.import_review, name="import_review"),
    path("import/<uuid:pk>/commit/", import_views.import_commit, name="import_commit"),
    path("import/batches/<int:pk>/undo/", import_views.import_undo, name="import_undo"),
    path("import/samples/<str:name>", import_views.import_sample, name="import_sample"),
]
