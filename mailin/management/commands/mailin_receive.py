import sys

from django.core.management.base import BaseCommand

from mailin.models import Source
from mailin.services import receive_mail


class Command(BaseCommand):
    help = "File one mail read from standard input (for a mail server that pipes to a program)."

    def add_arguments(self, parser):
        parser.add_argument("--recipient", action="append", default=[], help="Envelope RCPT TO.")

    def handle(self, *args, recipient, **options):
        mail = receive_mail(
            raw=sys.stdin.buffer.read(), source=Source.COMMAND, envelope_recipients=recipient
        )
        self.stdout.write(f"{mail.get_status_display()} {mail.get_reason_display()}".strip())
