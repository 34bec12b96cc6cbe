from django.urls import path

from lienhiep.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.association_list, name="list"),
    path("new/", views.association_create, name="create"),
    path("export/", views.association_export, name="export"),
    path("<int:pk>/", views.association_detail, name="detail"),
    path("<int:pk>/edit/", views.association_edit, name="edit"),
    path("<int:pk>/history/", views.association_history, name="history"),
    path("<int:pk>/member-counts/", views.member_count_add, name="member_count_add"),
    path("member-counts/<int:pk>/edit/", views.member_count_edit, name="member_count_edit"),
    path("member-counts/<int:pk>/remove/", views.member_count_remove, name="member_count_remove"),
    path("<int:pk>/branches/", views.branch_add, name="branch_add"),
    path("branches/<int:pk>/edit/", views.branch_edit, name="branch_edit"),
    path("branches/<int:pk>/remove/", views.branch_remove, name="branch_remove"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
