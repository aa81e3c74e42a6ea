from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.errors import CaseError
from cases.models import Case
from cases.workflow import CaseStatus
from earchive.services import archive_directory, export_case_for_archive
from earchive.validation import validate_package


class Command(BaseCommand):
    help = "Write closed cases as FGS/E-ARK information packages (ZIP) for the e-archive."

    def add_arguments(self, parser):
        parser.add_argument("numbers", nargs="*", help="Case numbers (e.g. 'LOTS 2026/12').")
        parser.add_argument(
            "--closed-before", help="All closed cases closed before this date (YYYY-MM-DD)."
        )
        parser.add_argument("--output", type=Path, help="Folder for the packages.")
        parser.add_argument(
            "--validate",
            action="store_true",
            help="Check each package with the E-ARK validator (CSIP/SIP 2.1) after writing it.",
        )

    def handle(self, *args, numbers, closed_before, output, validate, **options):
        cases = Case.objects.filter(status=CaseStatus.CLOSED, anonymised_at__isnull=True)
        if numbers:
            cases = Case.objects.filter(number__in=numbers)
        elif closed_before:
            cases = cases.filter(closed_at__date__lt=closed_before)
        else:
            raise CommandError("Give case numbers or --closed-before.")
        directory = output or archive_directory()
        failed = 0
        for case in cases.order_by("pk"):
            try:
                package = export_case_for_archive(case=case, directory=directory)
            except CaseError as error:
                failed += 1
                self.stderr.write(f"{case.number}: {error.message}")
            else:
                self.stdout.write(f"{case.number}: {package.path} (SHA-256 {package.sha256})")
                if validate and not self._valid(package.path):
                    failed += 1
        if failed:
            raise CommandError(f"{failed} case(s) not exported or not valid.")

    def _valid(self, path: Path) -> bool:
        result = validate_package(path)
        for finding in result.errors:
            self.stderr.write(f"  {finding.rule}: {finding.message}")
        self.stdout.write("  valid (E-ARK CSIP/SIP 2.1)" if result.valid else "  NOT valid")
        return result.valid
