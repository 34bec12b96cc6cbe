from django.urls import path

from lienhiep.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
]
