from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from training.services.bank_file import BANK_PATH, load_bank


class Command(BaseCommand):
    help = "Load the Swedish LOTS question bank into this year's course edition (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=BANK_PATH, help="The bank (JSON).")

    def handle(self, *args, file: Path, **options):
        report = load_bank(path=file)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"question {error.row}: {error.reason}")
            raise CommandError("Nothing was loaded: the bank has errors.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Question bank loaded: {report.imported} new, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
        )
