"""The Celery application: configured from Django settings (``CELERY_*``) with autodiscovery."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsportal.settings")

app = Celery("lotsportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
