"""/healthz for monitors: the database, the Celery broker and what the apps add (the e-mail
outbox: ``settings.HEALTH_CHECKS``). A check returns ``{"ok": bool, "degraded": bool, ...}``.

Anonymous callers get only ``{"status": "ok" | "degraded" | "error"}``; staff users and a
request carrying ``HEALTH_TOKEN`` (``Authorization: Bearer <token>`` or ``X-Health-Token``)
also get the checks. HTTP 200 for ok and degraded (the portal serves its users; someone
should look), 503 for error (the database or the broker is unreachable).
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from . import tasking

BROKER_CHECK_TIMEOUT = 1.0  # seconds: a monitor must get an answer while the broker is down


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never raised
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if url.startswith("memory://"):
        return {"ok": True, "transport": "memory", "eager": True}
    options = {"socket_connect_timeout": BROKER_CHECK_TIMEOUT, "socket_timeout": 1}
    try:
        with Connection(
            url, connect_timeout=BROKER_CHECK_TIMEOUT, transport_options=options
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=1)
    except Exception as exc:  # noqa: BLE001
        tasking.mark_broker_down()
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "transport": url.split("://", 1)[0]}


def may_see_details(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.HEALTH_TOKEN
    if not token:
        return False
    header = request.headers.get("Authorization", "")
    offered = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    offered = offered or request.headers.get("X-Health-Token", "")
    return bool(offered) and hmac.compare_digest(offered.encode(), token.encode())


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    # Apps add their own checks (settings.HEALTH_CHECKS): the project
    # package imports none of them.
    for name, path in settings.HEALTH_CHECKS.items():
        checks[name] = import_string(path)()
    if not all(check["ok"] for check in checks.values()):
        status = "error"
    elif any(check.get("degraded") for check in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    body: dict = {"status": status}
    if may_see_details(request):
        body["checks"] = checks
    return JsonResponse(body, status=503 if status == "error" else 200)
