"""A backup made by scripts/backup.sh restores with scripts/restore.sh: every row, every file
and the pending e-mail come back, into a fresh PostgreSQL database and a new media folder.

Runs the real scripts (pg_dump, pg_restore, psql) against the test database on 127.0.0.1.
"""

import hashlib
import os
import subprocess
import tarfile
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from cases.services.attachments import add_attachment
from notifications.models import OutboxMessage, OutboxStatus
from notifications.services import queue_email
from tests.cases.factories import a_case

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def run(script: str, *args: str, url: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    return subprocess.run(  # noqa: S603 - our own scripts, fixed arguments
        [str(ROOT / "scripts" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_database():
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_every_row_file_and_pending_mail(lots, tmp_path, fresh_database):
    case = a_case(by=lots, title="Nytt kafé vid torget")
    add_attachment(case=case, by=lots, uploaded_file=SimpleUploadedFile("ritning.pdf", PDF))
    add_attachment(case=case, by=lots, uploaded_file=SimpleUploadedFile("anteckning.txt", b"Hej!"))
    pending = queue_email(
        to="agare@foretag.example",
        template="public/email/receipt",
        context={"number": case.number},
        related=case,
        not_before=timezone.now() + timedelta(hours=1),
    )
    assert pending is not None and pending.status == OutboxStatus.PENDING
    media = Path(settings.MEDIA_ROOT)
    source_url = database_url(connection.settings_dict["NAME"])
    source_rows = row_counts(source_url)
    source_files = checksums(media)
    assert len(source_files) == 2

    backup = run("backup.sh", str(tmp_path / "backups"), url=source_url, media=media)
    assert backup.returncode == 0, backup.stderr
    (archive,) = (tmp_path / "backups").glob("lotsportal-*.tar")
    with tarfile.open(archive) as bundle:
        names = {Path(member.name).name for member in bundle.getmembers()}
    assert {"database.dump", "media.tar", "tables.tsv", "media.sha256", "SHA256SUMS"} <= names

    restored_media = tmp_path / "restored-media"
    restore = run("restore.sh", str(archive), url=fresh_database, media=restored_media)
    assert restore.returncode == 0, restore.stderr
    assert "counts and checksums match" in restore.stdout

    assert row_counts(fresh_database) == source_rows
    assert source_rows["cases_case"] == 1 and source_rows["cases_attachment"] == 2
    assert checksums(restored_media) == source_files
    with psycopg.connect(fresh_database) as conn:
        status, recipient = conn.execute(
            "SELECT status, recipient FROM notifications_outboxmessage WHERE id = %s",
            [pending.pk],
        ).fetchone()
    assert (status, recipient) == ("pending", "agare@foretag.example")
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 1

    # Again into the same (now full) database: refused, nothing touched.
    again = run("restore.sh", str(archive), url=fresh_database, media=tmp_path / "other")
    assert again.returncode == 1
    assert "already has" in again.stderr and "--force" in again.stderr
    assert not (tmp_path / "other").exists()

    # With --force it replaces what is there and checks again.
    forced = run("restore.sh", str(archive), "--force", url=fresh_database, media=restored_media)
    assert forced.returncode == 0, forced.stderr
    assert row_counts(fresh_database) == source_rows


def test_a_damaged_archive_is_refused_before_anything_is_restored(lots, tmp_path, fresh_database):
    a_case(by=lots)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    source_url = database_url(connection.settings_dict["NAME"])
    assert run("backup.sh", str(tmp_path), url=source_url, media=media).returncode == 0
    (archive,) = tmp_path.glob("lotsportal-*.tar")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as bundle:
        bundle.extractall(unpacked, filter="data")
    (folder,) = unpacked.iterdir()
    with open(folder / "database.dump", "ab") as dump:
        dump.write(b"garbage")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as bundle:
        bundle.add(folder, arcname=folder.name)

    result = run("restore.sh", str(damaged), url=fresh_database, media=tmp_path / "restored")
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert row_counts(fresh_database) == {}
