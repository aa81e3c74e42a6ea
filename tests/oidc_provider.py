"""A real, small OpenID Connect provider for the tests, on 127.0.0.1 in a thread (wsgiref).

It implements what the portal uses: discovery, authorize (a sign-in form where the browser picks
a user), token (authorisation code with PKCE S256 required, client_secret_basic or _post),
userinfo, jwks and end_session; ID tokens are RS256 JWTs signed with a fresh key (joserfc).
A test can make it misbehave: ``tamper`` overrides claims of the next ID tokens (another
``aud``, another ``nonce``), ``code_lifetime`` 0 makes every code expired, and ``stop()`` takes
it down.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from joserfc import jwt
from joserfc.jwk import RSAKey


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@dataclass
class OIDCProvider:
    client_id: str = "lotsportalen"
    client_secret: str = "provider-test-secret"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    tamper: dict[str, Any] = field(default_factory=dict)
    code_lifetime: float = 60.0
    # What the provider saw: for the tests to check the flow (PKCE, logout).
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    logouts: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self.server: WSGIServer | None = None

    # --- running ---
    def start(self) -> OIDCProvider:
        self.server = make_server("127.0.0.1", 0, self.app, handler_class=_QuietHandler)
        self.port = self.server.server_port
        self.issuer = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    # --- WSGI ---
    def app(self, environ, start_response):
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        body: dict[str, str] = {}
        if environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length).decode()
            body = {k: v[0] for k, v in parse_qs(raw).items()}
        routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/jwks": self.jwks,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
            "/logout": self.end_session,
        }
        handler = routes.get(path)
        if handler is None:
            status, headers, content = "404 Not Found", [], b"not found"
        else:
            status, headers, content = handler(environ, query, body)
        start_response(status, [("Content-Length", str(len(content))), *headers])
        return [content]

    @staticmethod
    def _json(data, status="200 OK"):
        return status, [("Content-Type", "application/json")], json.dumps(data).encode()

    @staticmethod
    def _redirect(url):
        return "302 Found", [("Location", url)], b""

    def discovery(self, environ, query, body):
        return self._json(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
                "scopes_supported": ["openid", "email", "profile"],
            }
        )

    def jwks(self, environ, query, body):
        return self._json({"keys": [self.key.as_dict(private=False)]})

    def authorize(self, environ, query, body):
        params = {**query, **body}
        if environ["REQUEST_METHOD"] == "GET":
            self.authorize_requests.append(dict(query))
            if params.get("client_id") != self.client_id or params.get("response_type") != "code":
                return "400 Bad Request", [], b"unknown client"
            if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
                return "400 Bad Request", [], b"PKCE required"
            hidden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                for k, v in query.items()
            )
            page = (
                "<!doctype html><html lang='sv'><head><title>Kommunens inloggning</title></head>"
                "<body><main><h1>Kommunens inloggning</h1><form method='post'>"
                f"{hidden}<label for='u'>Användarnamn</label>"
                "<input id='u' name='username'><button type='submit'>Fortsätt</button>"
                "</form></main></body></html>"
            )
            return "200 OK", [("Content-Type", "text/html; charset=utf-8")], page.encode()
        user = self.users.get(params.get("username", ""))
        redirect_uri = params["redirect_uri"]
        if user is None:
            return self._redirect(
                f"{redirect_uri}?{urlencode({'error': 'access_denied', 'state': params['state']})}"
            )
        code = secrets.token_urlsafe(24)
        self._codes[code] = {
            "user": user,
            "nonce": params.get("nonce"),
            "challenge": params["code_challenge"],
            "redirect_uri": redirect_uri,
            "issued": time.time(),
        }
        return self._redirect(
            f"{redirect_uri}?{urlencode({'code': code, 'state': params['state']})}"
        )

    def _client_ok(self, environ, body) -> bool:
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        else:
            client_id, secret = body.get("client_id", ""), body.get("client_secret", "")
        return client_id == self.client_id and secret == self.client_secret

    def token(self, environ, query, body):
        self.token_requests.append(dict(body))
        if not self._client_ok(environ, body):
            return self._json({"error": "invalid_client"}, "401 Unauthorized")
        grant = self._codes.pop(body.get("code", ""), None)
        if grant is None or time.time() - grant["issued"] > self.code_lifetime:
            return self._json(
                {"error": "invalid_grant", "error_description": "code expired or unknown"},
                "400 Bad Request",
            )
        verifier = body.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant["challenge"] or body.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(
                {"error": "invalid_grant", "error_description": "PKCE"}, "400 Bad Request"
            )
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["user"]["sub"],
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "email": grant["user"]["email"],
            "name": grant["user"]["name"],
        }
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        claims.update(self.tamper)
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)
        access_token = secrets.token_urlsafe(24)
        self._tokens[access_token] = grant["user"]
        return self._json(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
                "scope": "openid email profile",
            }
        )

    def userinfo(self, environ, query, body):
        auth = environ.get("HTTP_AUTHORIZATION", "")
        user = self._tokens.get(auth.removeprefix("Bearer "))
        if user is None:
            return self._json({"error": "invalid_token"}, "401 Unauthorized")
        return self._json(user)

    def end_session(self, environ, query, body):
        self.logouts.append(dict(query))
        target = query.get("post_logout_redirect_uri")
        if target:
            state = query.get("state")
            return self._redirect(f"{target}?{urlencode({'state': state})}" if state else target)
        return "200 OK", [("Content-Type", "text/plain")], b"signed out"
