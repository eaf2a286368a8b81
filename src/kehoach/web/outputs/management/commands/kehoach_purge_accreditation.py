"""Delete accreditation personal data past each event's retention period (run daily from cron)."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete the names, press-card numbers, photos and contacts of applicants once an event's retention period is over."

    def handle(self, *args, **options):
        from ...services import purge_expired

        removed = purge_expired(out=self.stdout.write)
        self.stdout.write(f"{removed} applications deleted")
