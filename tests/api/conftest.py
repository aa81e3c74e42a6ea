"""An integration (the diarium) acting as a service user of the reception, its token and a
webhook receiver: a real HTTP server on 127.0.0.1 that checks each delivery's signature."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from api.models import Scope
from api.services import tokens
from tests.factories import DepartmentFactory, UserFactory, official

ALL_SCOPES = [Scope.READ_CASES, Scope.WRITE_CASES, Scope.READ_TRAINING]


@pytest.fixture
def reception(db):
    return DepartmentFactory(name="Kontaktcenter", code="kontaktcenter")


def integration_for(user, *, name: str, owner=None):
    owner = owner or UserFactory(full_name="Olle Ägare")
    return tokens.create_integration(name=name, owner=owner, service_user=user, by=owner)


def bearer(integration, scopes=ALL_SCOPES) -> tuple[APIClient, str]:
    issued = tokens.issue_token(integration=integration, scopes=scopes, by=integration.owner)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.raw}")
    return client, issued.raw


@pytest.fixture
def diarium(reception):
    user = official(
        reception, Role.LOTS, full_name="Diariet (integration)", email="diarium@kommun.example"
    )
    return integration_for(user, name="Diariet")


@pytest.fixture
def api(diarium):
    return bearer(diarium)[0]


def verify(secret: str, headers, body: bytes) -> bool:
    """What a receiver does (docs/api.md): HMAC-SHA256 over "id.timestamp.body"."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(part.removeprefix("v1,"), expected)
        for part in headers["webhook-signature"].split()
    )


class Receiver:
    """Records every POST: the first ``fail_first`` get 500, then 200 (bad signature: 400)."""

    def __init__(self, *, fail_first: int = 0):
        self.fail_first = fail_first
        self.secret = ""
        self.received: list[dict] = []
        self.requests = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests += 1
                if receiver.requests <= receiver.fail_first:
                    self.send_response(500)
                elif not verify(receiver.secret, self.headers, body):
                    self.send_response(400)
                else:
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    receiver.received.append({"headers": headers, "event": json.loads(body)})
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def flaky_receiver():
    receiver = Receiver(fail_first=2)
    yield receiver
    receiver.close()
