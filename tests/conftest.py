import pytest
import redis
from django.conf import settings as django_settings

from accounts.models import Role

from .factories import DepartmentFactory, UserFactory, official

# Folders whose every test starts real servers or processes, or walks every page: `make test`
# leaves them out, `make test ALL=1` and CI run them (the `slow` marker, pyproject.toml).
SLOW_FOLDERS = ("faults", "fuzz", "e2e")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = item.path.parts
        if "tests" in parts and parts[parts.index("tests") + 1] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of one test never meet another's."""
    settings.MEDIA_ROOT = tmp_path / "media"


def clear_test_cache() -> None:
    """Remove this test process's cache keys (its prefix) from the real Redis."""
    config = django_settings.CACHES["default"]
    if config["BACKEND"].endswith("RedisCache"):
        client = redis.Redis.from_url(config["LOCATION"])
        keys = list(client.scan_iter(f"{config.get('KEY_PREFIX', '')}:*"))
        if keys:
            client.delete(*keys)
    else:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values of one test never meet another's.

    The cache is the real Redis; only this test process's keys (its prefix) are removed.
    """
    clear_test_cache()


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")


@pytest.fixture
def lots(db, department):
    return official(department, Role.LOTS, full_name="Lotta Lots")


@pytest.fixture
def samordnare(db):
    return official(
        DepartmentFactory(name="Näringsliv", code="naringsliv"),
        Role.SAMORDNARE,
        full_name="Sam Samordnare",
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(full_name="Ada Admin", is_staff=True, is_superuser=True)
