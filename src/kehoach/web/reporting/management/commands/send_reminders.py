"""`django-admin send_reminders [--date YYYY-MM-DD]`: the reminders due today (for cron)."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Send the report reminders (e-mail and in-app) due today; safe to run as often as you like."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        from kehoach.web.reporting.reminders import send_reminders

        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD)") from None
        counts = send_reminders(today)
        self.stdout.write(f"{counts['reminders']} reminders, {counts['emails']} e-mails, {counts['notices']} notices, "
                          f"{counts['errors']} mail errors")
