from django.urls import path

from lienhiep.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/progress/", views.progress, name="progress"),
    path("<uuid:pk>/download/", views.download, name="download"),
]
