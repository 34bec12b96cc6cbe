from django.urls import path

from lienhiep.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
]
