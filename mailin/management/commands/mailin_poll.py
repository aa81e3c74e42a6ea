from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mailin.receivers.imap import Mailbox, poll


class Command(BaseCommand):
    help = "Read the reply mailbox (MAILIN_IMAP_URL) once and file its unseen mail."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.MAILIN_IMAP_URL)

    def handle(self, *args, url, **options):
        if not url:
            raise CommandError("Set MAILIN_IMAP_URL (or give --url).")
        filed = poll(Mailbox.from_url(url))
        self.stdout.write(f"{filed} mail filed.")
