from django.urls import path

from . import views

app_name = "outputs"

urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/links/<int:link_pk>/", views.article_link, name="article_link"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_edit, name="source_new"),
    path("sources/<int:pk>/", views.source_edit, name="source_edit"),
    path("sources/collect/", views.collect_now, name="collect_now"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/new/", views.publication_edit, name="publication_new"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_edit, name="event_new"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<str:kind>/<int:pk>/delete/", views.record_delete, name="record_delete"),
    path("tasks/<int:pk>/", views.task_outputs, name="task_outputs"),
    path("plans/<int:pk>/", views.plan_outputs, name="plan_outputs"),
    path("accreditation/", views.accreditation_home, name="accreditation_home"),
    path("accreditation/<slug:slug>/apply/", views.accreditation_apply, name="accreditation_apply"),
    path("accreditation/<slug:slug>/thanks/", views.accreditation_thanks, name="accreditation_thanks"),
    path("accreditation/<slug:slug>/badges.pdf", views.event_badges, name="event_badges"),
    path("accreditation/<slug:slug>/accredited.<str:fmt>", views.accredited_export, name="accredited_export"),
    path("accreditation/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("accreditation/applications/<int:pk>/photo.jpg", views.application_photo, name="application_photo"),
    path("accreditation/applications/<int:pk>/badge.pdf", views.badge_pdf, name="badge_pdf"),
    path("verify/<uuid:token>/", views.verify, name="verify"),
    path("archive/<path:path>", views.archive, name="archive"),
]
