"""Settings for ``bench/serve_pages.py``: the portal's own settings with DEBUG off, served on
127.0.0.1 over plain HTTP, plus a bare view to compare with (``bench/serve_urls.py``).

Bench only: never in a deployment (no HTTPS redirect, no secure cookies).
"""

from lotsportal.settings import *  # noqa: F403
from lotsportal.settings import ALLOWED_HOSTS, BASE_DIR, STORAGES, TEMPLATES

DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.serve_urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic needed: static names unhashed.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The signed-in yardstick's template (bench/templates), after the portal's own.
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
