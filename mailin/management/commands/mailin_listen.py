import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from mailin.receivers.smtp import controller


class Command(BaseCommand):
    help = "Listen for replies by SMTP (or LMTP) and file each mail (runs until stopped)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.MAILIN_LISTEN_HOST)
        parser.add_argument("--port", type=int, default=settings.MAILIN_LISTEN_PORT)
        parser.add_argument("--lmtp", action="store_true", help="Speak LMTP instead of SMTP.")

    def handle(self, *args, host, port, lmtp, **options):
        listener = controller(host=host, port=port, lmtp=lmtp)
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        listener.start()
        kind = "LMTP" if lmtp else "SMTP"
        self.stdout.write(f"Listening for mail ({kind}) on {host}:{port}", ending="\n")
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            listener.stop()
