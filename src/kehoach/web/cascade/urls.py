from django.urls import path

from . import views

app_name = "cascade"
urlpatterns = [
    path("", views.graph, name="graph"),
    path("plans/<int:pk>/", views.plan_cascade, name="plan"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/decide/", views.coverage_decide, name="decide"),
    path("units/<int:pk>/groups/", views.unit_groups, name="groups"),
]
