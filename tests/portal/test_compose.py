"""The deployment files hold what operations relies on (no Docker engine runs here, so the
compose file is read as YAML): every service restarts and has a health check, images are
pinned, the app waits for a healthy database and Redis, and the health checks themselves work.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SYSTEMD = ROOT / "deploy" / "systemd"
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]


def test_every_service_restarts_and_has_a_health_check(services):
    for name, service in services.items():
        assert service.get("restart") in ("unless-stopped", "always"), name
        test = service.get("healthcheck", {}).get("test")
        assert test and test[0] in ("CMD", "CMD-SHELL"), name


def test_images_are_pinned_to_a_version(services):
    for name, service in services.items():
        if "image" not in service:
            assert service.get("build") == ".", name
            continue
        image, _, tag = service["image"].partition(":")
        assert tag and tag != "latest" and re.match(r"v?\d", tag), f"{name}: {service['image']}"
    assert re.fullmatch(r"axllent/mailpit:v\d+\.\d+\.\d+", services["mailpit"]["image"])


def test_the_app_waits_for_a_healthy_database_and_redis(services):
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name


def test_each_app_process_is_checked_for_what_it_does(services):
    assert services["web"]["healthcheck"]["test"][1:] == ["python", "deploy/healthcheck.py", "web"]
    assert "inspect ping" in services["worker"]["healthcheck"]["test"][1]
    assert "celery@$$HOSTNAME" in services["worker"]["healthcheck"]["test"][1]
    assert services["beat"]["healthcheck"]["test"][1:] == [
        "python",
        "deploy/healthcheck.py",
        "beat",
    ]
    assert "--schedule /tmp/celerybeat-schedule" in services["beat"]["command"]
    assert "-c deploy/gunicorn.conf.py" in services["web"]["command"]


def test_systemd_units_restart_every_process_and_the_docs_name_them():
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for process, command in (
        ("web", "gunicorn -c deploy/gunicorn.conf.py"),
        ("worker", "celery -A lotsportal worker"),
        ("beat", "celery -A lotsportal beat"),
    ):
        unit = (SYSTEMD / f"lotsportal-{process}.service").read_text(encoding="utf-8")
        assert "\nRestart=always\n" in unit, process
        assert command in unit, process
        assert f"deploy/systemd/lotsportal-{process}.service" in operations, process


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_units_parse():
    units = sorted(str(path) for path in SYSTEMD.glob("lotsportal-*.*"))
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["systemd-analyze", "verify", "--man=no", "--recursive-errors=no", *units],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Users, paths and executables of the target machine do not exist here; syntax does.
    syntax = [
        line
        for line in result.stderr.splitlines()
        if "Unknown key" in line or "Unknown section" in line or "Invalid" in line
    ]
    assert syntax == []


def healthcheck(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_beat_check_fails_when_the_schedule_file_goes_stale(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    assert healthcheck("beat", BEAT_SCHEDULE_FILE=str(schedule)).returncode == 1
    schedule.write_bytes(b"")
    assert healthcheck("beat", BEAT_SCHEDULE_FILE=str(schedule)).returncode == 0
    stale = time.time() - 3600
    os.utime(schedule, (stale, stale))
    result = healthcheck("beat", BEAT_SCHEDULE_FILE=str(schedule))
    assert result.returncode == 1
    assert "not written for" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_the_web_check_asks_the_running_portal(live_server):
    assert healthcheck("web", HEALTHCHECK_URL=f"{live_server.url}/healthz").returncode == 0
    gone = healthcheck("web", HEALTHCHECK_URL=f"{live_server.url}/finns-inte")
    assert gone.returncode == 1
    assert "404" in gone.stdout


def test_the_mail_listener_check_reads_the_greeting(settings):
    """The mailin container's check: healthy while the listener greets, not when it is gone."""
    from mailin.receivers.smtp import controller
    from tests.mailin.test_receivers import free_port

    port = free_port()
    assert healthcheck("mailin", MAILIN_HEALTH_PORT=str(port)).returncode == 1
    listener = controller(host="127.0.0.1", port=port)
    listener.start()
    try:
        assert healthcheck("mailin", MAILIN_HEALTH_PORT=str(port)).returncode == 0
    finally:
        listener.stop()
