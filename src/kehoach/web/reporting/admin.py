from django.contrib import admin

from .models import HolidayOverride, LockException, Period, PlanReporting, UnitReport


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "day_off")
    list_filter = ("day_off",)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("plan", "key", "label", "window_start", "window_end", "due", "expects_reports")
    list_filter = ("kind", "source", "expects_reports")


@admin.register(UnitReport)
class UnitReportAdmin(admin.ModelAdmin):
    list_display = ("period", "unit", "status", "version", "first_submitted_at")
    list_filter = ("status",)
    raw_id_fields = ("period", "unit")


admin.site.register(PlanReporting)
admin.site.register(LockException)
