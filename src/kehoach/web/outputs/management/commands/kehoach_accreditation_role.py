"""Give a user the accreditation role (or take it away with --remove)."""
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Give USER the accreditation role: only its members see applicants' personal data."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        from ...services import set_accreditation_role

        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"user {options['username']!r} not found")
        set_accreditation_role(user, not options["remove"])
        self.stdout.write(f"{user.username}: accreditation role {'removed' if options['remove'] else 'given'}")
