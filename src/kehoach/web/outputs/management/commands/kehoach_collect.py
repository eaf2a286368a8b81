"""Run the press collector once: for cron or a systemd timer (e.g. every 30 minutes)."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fetch the configured press feeds and sitemaps once and store the new articles."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", help="only this source id (may repeat)")
        parser.add_argument("--no-rate-limit", action="store_true", help="no pause between requests to one host")
        parser.add_argument("--every", type=float, help="keep running, collecting every N minutes (in-process scheduler)")

    def handle(self, *args, **options):
        import time

        from ...collector import run_collector

        while True:
            report = run_collector(source_ids=options["source"], min_interval=0 if options["no_rate_limit"] else None)
            self.stdout.write(report.summary())
            for url, message in report.errors[:50]:
                self.stdout.write(f"  ✗ {message}" if message.startswith(url) else f"  ✗ {url}: {message}")
            if not options["every"]:
                return
            time.sleep(options["every"] * 60)
