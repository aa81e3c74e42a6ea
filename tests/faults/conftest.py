"""Real components for fault injection, each on a free port of 127.0.0.1, stopped by the test.

- ``smtp_server``: an aiosmtpd mail server the test stops, starts, slows down or makes refuse.
- ``private_redis``: a Redis of the test's own (no persistence) it stops, kills and restarts.
- ``celery_worker``: starts real ``celery -A lotsportal worker`` processes against the test's
  database and a given broker; the test may SIGKILL them.
- ``publish_to``: makes this test process hand tasks to a given broker instead of running
  them eagerly.
"""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import kombu.pools
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], object], timeout: float, what: str, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


# --- SMTP ---------------------------------------------------------------------------------


@dataclass
class Received:
    message_id: str
    to: list[str]
    subject: str
    body: str


@dataclass
class SmtpServer:
    """A real mail server. ``refuse`` makes RCPT answer with that reply (e.g. "550 5.1.1 No
    such user"); ``hold_seconds`` makes DATA wait before answering (``holding`` is set while
    it waits, the message already received: a sender killed then has delivered it)."""

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    refuse: str | None = None
    hold_seconds: float = 0.0
    holding: threading.Event = field(default_factory=threading.Event)
    _controller: object | None = None

    def start(self) -> None:
        Controller = _aiosmtpd_controller()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def message_ids(self) -> list[str]:
        return [item.message_id for item in self.received]


def _aiosmtpd_controller():
    """aiosmtpd's Controller, imported beside the ``public`` app (mailin/receivers)."""
    from mailin.receivers.aiosmtpd_import import aiosmtpd_module

    return aiosmtpd_module("controller").Controller


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.server.refuse:
            return self.server.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content or envelope.content)
        payload = parsed.get_payload(decode=True) or b""
        self.server.received.append(
            Received(
                message_id=parsed["Message-ID"] or "",
                to=list(envelope.rcpt_tos),
                subject=str(
                    email.header.make_header(email.header.decode_header(parsed["Subject"]))
                ),
                body=payload.decode(parsed.get_content_charset() or "utf-8", "replace"),
            )
        )
        if self.server.hold_seconds:
            self.server.holding.set()
            await asyncio.sleep(self.server.hold_seconds)
            self.server.holding.clear()
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running mail server on a free port (``stop()``/``start()`` to take it down and up)."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def send_mail_to(settings):
    """Point this process's e-mail at a server: real SMTP, short timeout."""

    def use(server: SmtpServer) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
            "127.0.0.1",
            server.port,
            3,
        )
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    return use


# --- Redis --------------------------------------------------------------------------------


@dataclass
class PrivateRedis:
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_until(lambda: _pings(client), 10, "redis-server to answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """SIGKILL: the broker vanishes mid-conversation, as in a crash."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_connect_timeout=0.5)


class CountingListener:
    """A TCP port that accepts each connection, counts it and hangs up at once: put where a
    broker was, it tells a test how often the code under test still tried to reach it."""

    def __init__(self, port: int) -> None:
        self.accepted = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self._sock.listen(16)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:  # closed
                return
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._sock.close()
        self._thread.join(5)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    yield server
    server.kill()


# --- Celery -------------------------------------------------------------------------------


@pytest.fixture
def publish_to(settings, monkeypatch):
    """This process hands tasks to ``url`` (no eager run); restored afterwards."""
    from lotsportal import tasking
    from lotsportal.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url

    def reset() -> None:
        kombu.pools.reset()  # Celery keeps pools for the broker URL it first saw
        app._pool = None
        app.amqp._producer_pool = None
        tasking.reset_broker_state()

    def use(url: str) -> None:
        # Celery reads the environment's CELERY_BROKER_URL before its own configuration.
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        app.conf.task_always_eager = False
        app.conf.broker_url = settings.CELERY_BROKER_URL = url
        reset()

    yield use
    app.conf.task_always_eager, app.conf.broker_url = saved
    reset()


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: nothing gets to clean up."""
        if self.alive:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.alive:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def start_worker(
    *,
    database_url: str,
    broker_url: str,
    smtp_port: int,
    log_path: Path,
    pool: str = "solo",
    name: str = "faults",
    **env: str,
) -> Worker:
    """``celery -A lotsportal worker`` on that database and broker, mail to that port."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "FAULTS_SMTP_PORT": str(smtp_port),
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    args = [str(CELERY), "-A", "lotsportal", "worker", "-l", "info", "-P", pool, "-c", "1"]
    args += ["-n", f"{name}@%h"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            args,
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() reaches the pool too
        )
    worker = Worker(process=process, log_path=log_path)
    try:
        wait_until(lambda: " ready." in worker.log() or not worker.alive, 40, "a ready worker")
    except AssertionError:
        worker.kill()
        raise
    assert worker.alive, worker.log()
    return worker


def database_url_of(settings_dict: dict) -> str:
    db = settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
    return url + f"{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings) -> Iterator[Callable[..., Worker]]:
    """Start real worker processes on the test's database; stopped before it is flushed."""
    from django.db import connection

    started: list[Worker] = []

    def start(*, broker_url: str, smtp_port: int, pool: str = "solo", **env: str) -> Worker:
        worker = start_worker(
            database_url=database_url_of(connection.settings_dict),
            broker_url=broker_url,
            smtp_port=smtp_port,
            log_path=tmp_path / f"worker-{len(started)}.log",
            pool=pool,
            name=f"faults{len(started)}",
            **env,
        )
        started.append(worker)
        return worker

    yield start
    for number, worker in enumerate(started):
        worker.stop()
        print(f"--- worker {number} ---\n{worker.log()[-6000:]}")  # shown when the test fails
