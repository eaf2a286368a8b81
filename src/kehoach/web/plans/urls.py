from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .throttle import ThrottledLoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/upload/", views.plan_upload, name="plan_upload"),
    path("plans/ocr/", views.plan_ocr, name="plan_ocr"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("plans/<int:pk>/resolve/", views.plan_resolve, name="plan_resolve"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/unpublish/", views.plan_unpublish, name="plan_unpublish"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/source/", views.plan_source, name="plan_source"),
    path("plans/<int:pk>/tasks/new/", views.task_add, name="task_add"),
    path("plans/<int:pk>/tasks.<str:fmt>", views.plan_export, name="plan_export"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_new"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/tasks.<str:fmt>", views.unit_export, name="unit_export"),
    path("calendar/", views.deadline_calendar, name="calendar"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("audit/", views.audit_list, name="audit_list"),
    path("tokens/", views.tokens, name="tokens"),
    path("healthz", views.healthz, name="healthz"),
]
