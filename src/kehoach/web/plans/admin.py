"""Django's admin (/django-admin/, for superusers): users, profiles and the unit registry.

Changes made here are written to kehoach's audit log too.
"""
from django.contrib import admin

from .models import AuditEntry, Profile, Unit
from .services.audit import record
from .services.units import unit_snapshot


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "code", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "folded", "keys")
    raw_id_fields = ("parent",)

    def save_model(self, request, obj, form, change):
        before = unit_snapshot(Unit.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        record(request.user, "update" if change else "create", obj, before=before, after=unit_snapshot(obj))


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    raw_id_fields = ("unit", "user")

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            old = Profile.objects.get(pk=obj.pk)
            before = {"role": old.role, "unit": old.unit_id}
        super().save_model(request, obj, form, change)
        record(request.user, "update" if change else "create", obj, before=before, after={"role": obj.role, "unit": obj.unit_id})


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "model", "object_id", "object_repr")
    list_filter = ("action", "model")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
