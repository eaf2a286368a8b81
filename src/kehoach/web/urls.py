from django.contrib import admin
from django.urls import include, path

from .plans.api import api

urlpatterns = [
    path("", include("kehoach.web.plans.urls")),
    path("outputs/", include("kehoach.web.outputs.urls")),
    path("cascade/", include("kehoach.web.cascade.urls")),
    path("reporting/", include("kehoach.web.reporting.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler400 = "kehoach.web.plans.views.error_400"
handler403 = "kehoach.web.plans.views.error_403"
handler404 = "kehoach.web.plans.views.error_404"
handler500 = "kehoach.web.plans.views.error_500"
