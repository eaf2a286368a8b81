"""Django admin for the settings the lead agency rarely changes: topics, the province profile,
accreditation events. Applications (personal data) are deliberately not registered here: only the
accreditation role sees them, on its own pages."""
from django.contrib import admin

from .models import AccreditationEvent, ProvinceProfile, Source, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "plan")
    search_fields = ("name", "keywords")


@admin.register(ProvinceProfile)
class ProvinceProfileAdmin(admin.ModelAdmin):
    list_display = ("names", "min_relevance")


@admin.register(AccreditationEvent)
class AccreditationEventAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_on", "ends_on", "open", "retention_days", "purged_at")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "url", "language", "scope", "active", "last_fetched_at")
