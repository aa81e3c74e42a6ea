"""Settings for the Celery worker that a fault-injection test starts (tests/faults/conftest.py):
the test settings with the database and broker from the environment, and real SMTP to the
test's mail server instead of the in-memory backend."""

import os

from lotsportal.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["FAULTS_SMTP_PORT"])
EMAIL_TIMEOUT = 5
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
LOGGING["root"]["level"] = "INFO"  # noqa: F405

if os.environ.get("FAULTS_OLD_BROKER_OPTIONS"):  # the configuration before issue 10
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "max_retries": 1}  # noqa: F405
    CELERY_BROKER_CONNECTION_TIMEOUT = 3
    CELERY_BROKER_CONNECTION_MAX_RETRIES = 100
    CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
