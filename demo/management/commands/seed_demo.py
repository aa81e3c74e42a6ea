from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed


class Command(BaseCommand):
    help = "Create or refresh the demo municipality (idempotent). Refused outside DEBUG."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo users have a published password).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; it runs only with "
                "DEBUG on, or with --force."
            )
        seed(lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
