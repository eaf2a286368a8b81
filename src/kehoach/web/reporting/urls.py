from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("plans/<int:pk>/", views.plan_periods, name="plan"),
    path("periods/<int:pk>/", views.period_dashboard, name="period"),
    path("periods/<int:pk>/print/", views.period_print, name="period_print"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("periods/<int:pk>/unlock/", views.period_unlock, name="period_unlock"),
    path("periods/<int:pk>/consolidated/", views.consolidated_edit, name="consolidated"),
    path("periods/<int:pk>/consolidated.<str:fmt>", views.consolidated_export, name="consolidated_export"),
    path("periods/<int:period>/units/<int:unit>/", views.report_page, name="report"),
    path("reports/<int:pk>/autosave/", views.report_autosave, name="autosave"),
    path("reports/<int:pk>/submit/", views.report_submit, name="submit"),
    path("reports/<int:pk>/review/", views.report_review, name="review"),
    path("reports/<int:pk>/versions/", views.report_versions, name="versions"),
    path("reports/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("calendar/", views.calendar_links, name="calendar"),
    path("ical/<str:token>/me.ics", views.ical_me, name="ical_me"),
    path("ical/<str:token>/units/<int:unit>.ics", views.ical_unit, name="ical_unit"),
]
