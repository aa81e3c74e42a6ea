"""Issue 13, defect 14: every page asked for /favicon.ico and got a 404; with DEBUG off the
pages need the collected static files, which the start command did not collect."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_every_page_names_its_icon_and_the_browsers_address_finds_it(client):
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
    assert "favicon.svg" in page

    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith(".ico")
    assert finders.find("favicon.ico") is not None
    assert finders.find("favicon.ico").endswith("static/favicon.ico")
    assert Path(finders.find("favicon.ico")).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO


def test_the_start_command_collects_the_static_files_before_it_serves():
    plan = subprocess.run(  # noqa: S603 (a fixed command)
        [shutil.which("make") or "make", "-n", "-W", ".venv/.runtime", "run"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    steps = [line for line in plan.splitlines() if "manage.py" in line]
    names = [line.split()[line.split().index("manage.py") + 1] for line in steps]
    assert "collectstatic" in names
    assert names.index("collectstatic") < names.index("runserver")
    assert "collectstatic" in (ROOT / "README.md").read_text(encoding="utf-8")
