"""The settings fall back as the README promises. Each case runs Django in a fresh process,
because settings are read once at import."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "debug": settings.DEBUG,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "email": settings.EMAIL_BACKEND,
    "secure_cookie": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "municipality": settings.MUNICIPALITY_NAME,
}))
"""

CONFIG_VARS = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "EMAIL_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "MUNICIPALITY_NAME",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_django(code_or_args, **env_vars):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(DJANGO_SETTINGS_MODULE="lotsportal.settings", **env_vars)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_with_nothing_set_the_portal_runs_on_sqlite_with_eager_tasks_and_console_mail():
    result = run_django(PROBE)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["debug"] is True
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_a_deployment_gets_production_safe_defaults():
    result = run_django(
        PROBE,
        DATABASE_URL="postgres://lots@db.example:5432/lotsportal",
        SECRET_KEY="x" * 60,
        CELERY_BROKER_URL="redis://redis.example:6379/0",
        EMAIL_URL="smtp://mail.example:25",
        MUNICIPALITY_NAME="Hultsfreds kommun",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["debug"] is False
    assert values["eager"] is False
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["secure_cookie"] is True
    assert values["hsts"] >= 31536000
    assert values["municipality"] == "Hultsfreds kommun"


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = run_django(PROBE, DATABASE_URL="postgres://lots@db.example:5432/lotsportal")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_reports_no_warnings_with_production_settings():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL="postgres://lots@db.example:5432/lotsportal",
        SECRET_KEY="k3y-" + "Zq9!xV2#pL7@wR4$" * 4,
        ALLOWED_HOSTS="lots.exempelby.se",
        CSRF_TRUSTED_ORIGINS="https://lots.exempelby.se",
        CELERY_BROKER_URL="redis://redis.example:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
