from django.urls import path

from reports import views

urlpatterns = [
    path("", views.home, name="home"),
    path("submit/", views.submit, name="submit"),
    path("status/", views.status, name="status"),
    path("reports/<str:public_id>/", views.story, name="story"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
]
