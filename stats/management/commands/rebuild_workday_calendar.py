from django.core.management.base import BaseCommand

from stats.calendar_table import rebuild_calendar
from stats.services.figures import rebuild_case_figures


class Command(BaseCommand):
    help = (
        "Rewrite the working-day calendar that the statistics count lead times with, e.g. "
        "after an update of the holidays package."
    )

    def handle(self, *args, **options):
        days = rebuild_calendar()
        self.stdout.write(self.style.SUCCESS(f"The calendar now holds {days} days."))
        # The stored lead times were counted with the old calendar.
        counts = rebuild_case_figures()
        self.stdout.write(f"Figures recomputed for {counts['cases']} cases.")
