"""Settings for Lotsportalen, read from the environment (django-environ).

With nothing set, the portal runs on a newcomer's machine: SQLite, Celery tasks run
eagerly in the web process and e-mail is printed to the console. With ``DEBUG`` off the
settings are production-safe and refuse to start without a real ``SECRET_KEY``.
Every variable is described in README.md.

Two modules along one seam: ``base.py``, the platform (Django, database, sign-in, language,
files, cache, e-mail, Celery, security, logging), and ``portal.py``, the portal's own features
(cases, the public door, e-mail in, the e-archive, training, page limits, the API), which adds
its tasks to the platform's Celery schedule.
"""

from .base import *  # noqa: F403
from .portal import *  # noqa: F403
