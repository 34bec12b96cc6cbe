from django.urls import path

from lienhiep.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.association_list, name="list"),
    path("new/", views.association_create, name="create"),
    path("<int:pk>/", views.association_detail, name="detail"),
    path("<int:pk>/edit/", views.association_edit, name="edit"),
    path("<int:pk>/history/", views.association_history, name="history"),
    path("<int:pk>/member-counts/", views.member_count_add, name="member_count_add"),
    path("<int:pk>/branches/", views.branch_add, name="branch_add"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
