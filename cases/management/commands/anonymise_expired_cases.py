from django.core.management.base import BaseCommand

from cases.models import CaseSettings
from cases.services.retention import anonymise_expired, cases_past_retention


class Command(BaseCommand):
    help = (
        "Remove the personal data of the cases past the retention rule (CaseSettings, in the "
        "admin). The nightly task does the same; running it twice removes nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the cases; change nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        months = CaseSettings.load().retention_months
        if not months:
            self.stdout.write("The retention rule is off (0 months): nothing is removed.")
            return
        if dry_run:
            count = cases_past_retention().count()
            self.stdout.write(
                f"Dry run: {count} case(s) finished more than {months} months ago would be "
                "anonymised."
            )
            return
        count = anonymise_expired()
        self.stdout.write(
            self.style.SUCCESS(f"{count} case(s) anonymised (rule: {months} months).")
        )
