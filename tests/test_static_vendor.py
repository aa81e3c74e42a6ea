"""Vendored front-end files are exactly the published ones, and production can collect them."""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
CHARTS_JS = Path(settings.BASE_DIR) / "static" / "js" / "charts.js"
CHECKSUM_ROW = re.compile(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def recorded_checksums():
    return dict(CHECKSUM_ROW.findall((VENDOR / "README.md").read_text(encoding="utf-8")))


def test_chart_js_is_vendored_with_its_licence_and_listed_in_the_readme():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    script = (VENDOR / "chartjs" / "chart.umd.min.js").read_text(encoding="utf-8")

    assert (
        (VENDOR / "chartjs" / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")
    )
    assert "| Chart.js | 4.6.1 |" in readme
    assert "https://registry.npmjs.org/chart.js/-/chart.js-4.6.1.tgz" in readme
    assert "Chart.js v4.6.1" in script[:200]


@pytest.mark.parametrize("name", sorted(recorded_checksums()))
def test_a_vendored_file_matches_the_checksum_in_the_readme(name):
    data = (VENDOR / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == recorded_checksums()[name], (
        f"static/vendor/{name} differs from the published file; re-vendor it or, after a "
        "deliberate update, record the new sha256 in static/vendor/README.md"
    )


def test_every_vendored_file_has_a_recorded_checksum():
    files = {
        path.relative_to(VENDOR).as_posix()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    assert files == set(recorded_checksums())


def test_every_source_map_a_vendored_file_names_is_shipped():
    """The production static storage fails on a sourceMappingURL that points nowhere."""
    for path in [*VENDOR.rglob("*.js"), *VENDOR.rglob("*.css")]:
        for url in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(encoding="utf-8")):
            assert (path.parent / url).is_file(), f"{path.name} names a missing {url}"


def test_the_chart_bootstrapper_needs_no_eval_and_no_inline_handlers():
    source = CHARTS_JS.read_text(encoding="utf-8")
    assert "eval(" not in source and "new Function" not in source
    assert not re.search(r"\.on[a-z]+\s*=|setAttribute\(\s*[\"']on", source)
    assert "data-chart-ready" in source and "prefers-reduced-motion: reduce" in source


def test_collectstatic_with_the_manifest_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = (tmp_path / "static" / "staticfiles.json").read_text(encoding="utf-8")
    assert "vendor/chartjs/chart.umd.min.js" in manifest
    assert "js/charts.js" in manifest
