from django.core.management.base import BaseCommand

from stats.services.figures import DEFAULT_BATCH_SIZE, rebuild_case_figures


class Command(BaseCommand):
    help = (
        "Recompute the stored working-day figures of every case and referral that the "
        "statistics read (after a bulk load, a migration of old data or a calendar change)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, **options):
        counts = rebuild_case_figures(batch_size=options["batch_size"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Figures written for {counts['cases']} cases and {counts['referrals']} referrals."
            )
        )
