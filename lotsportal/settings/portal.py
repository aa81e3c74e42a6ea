"""The portal's own features: business cases, the business owner's door, e-mail in, the
e-archive, training, the headers and limits of its pages, and the API with its webhooks.
Read from the environment as ``base.py`` is; every variable is described in README.md."""

from datetime import timedelta

from celery.schedules import crontab

from .base import BASE_DIR, CELERY_BEAT_SCHEDULE, OUTBOX_SWEEP_SECONDS, env

# --- Business cases (cases/) ------------------------------------------------------------
# Attachments: the type is detected from the content; plain text only as clean UTF-8.
CASE_ATTACHMENT_MAX_BYTES = env.int("CASE_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
CASE_ATTACHMENT_ALLOWED_TYPES = env.list(
    "CASE_ATTACHMENT_ALLOWED_TYPES",
    default=[
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/plain",
    ],
)
# Reminders of referrals due soon and escalation of overdue referrals and cases, each weekday.
CELERY_BEAT_SCHEDULE["cases-send-reminders"] = {
    "task": "cases.tasks.send_case_reminders",
    "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri"),
}
# The knowledge bank: articles due for review told to their owner department, every morning.
CELERY_BEAT_SCHEDULE["knowledge-flag-stale-articles"] = {
    "task": "knowledge.tasks.flag_stale_articles",
    "schedule": crontab(hour=6, minute=30, day_of_week="mon-fri"),
}
# Counted empty searches (knowledge.SearchGap) not searched again for this many days are
# deleted every night (knowledge/services/gaps.py).
KNOWLEDGE_GAP_RETENTION_DAYS = env.int("KNOWLEDGE_GAP_RETENTION_DAYS", default=365)
CELERY_BEAT_SCHEDULE["knowledge-forget-old-search-gaps"] = {
    "task": "knowledge.tasks.forget_old_search_gaps",
    "schedule": crontab(hour=3, minute=45),
}
# The retention rule (CaseSettings.retention_months, in the admin), every night.
CELERY_BEAT_SCHEDULE["cases-anonymise-expired"] = {
    "task": "cases.tasks.anonymise_expired_cases",
    "schedule": crontab(hour=3, minute=15),
}
# Business development: each department's digest of new insights, Monday mornings.
CELERY_BEAT_SCHEDULE["development-insight-digests"] = {
    "task": "development.tasks.send_insight_digests_task",
    "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
}

# --- The business owner's door (public/) ------------------------------------------------
# Sends of the public forms allowed per client address ("5/h" = five per hour). For the
# public form: matters accepted (a send refused for a mistake does not count), and, wider,
# every send (against bots).
PUBLIC_INTAKE_RATE = env.str("PUBLIC_INTAKE_RATE", default="5/h")
PUBLIC_INTAKE_ATTEMPT_RATE = env.str("PUBLIC_INTAKE_ATTEMPT_RATE", default="30/h")
PUBLIC_LINK_RATE = env.str("PUBLIC_LINK_RATE", default="5/h")
PUBLIC_REPLY_RATE = env.str("PUBLIC_REPLY_RATE", default="20/h")

# --- E-mail in (mailin/): the business answers e-mail about its case from its mail program --
# The base of every case's reply address: "arende@kommun.se" gives Reply-To
# "arende+<signed case token>@kommun.se" on mail to the business. Empty: no Reply-To, and the
# business answers on its tracking page only. docs/operations.md: "E-mail in".
MAILIN_REPLY_ADDRESS = env.str("MAILIN_REPLY_ADDRESS", default="")
# Receive by polling a mailbox (imaps://user:password@host:993/INBOX) every
# MAILIN_POLL_SECONDS, or by the listener `manage.py mailin_listen` (SMTP or --lmtp) that the
# mail relay forwards the reply addresses to.
MAILIN_IMAP_URL = env.str("MAILIN_IMAP_URL", default="")
MAILIN_IMAP_DELETE = env.bool("MAILIN_IMAP_DELETE", default=False)
MAILIN_IMAP_TIMEOUT = env.float("MAILIN_IMAP_TIMEOUT", default=30.0)
MAILIN_POLL_SECONDS = env.int("MAILIN_POLL_SECONDS", default=60)
MAILIN_LISTEN_HOST = env.str("MAILIN_LISTEN_HOST", default="127.0.0.1")
MAILIN_LISTEN_PORT = env.int("MAILIN_LISTEN_PORT", default=8025)
MAILIN_MAX_BYTES = env.int("MAILIN_MAX_BYTES", default=30 * 1024 * 1024)
# --- E-archive (earchive/): closed cases as FGS/E-ARK information packages -------------------
EARCHIVE_ROOT = env.path("EARCHIVE_ROOT", default=str(BASE_DIR / "var" / "earchive"))

if MAILIN_IMAP_URL:
    CELERY_BEAT_SCHEDULE["mailin-poll-mailbox"] = {
        "task": "mailin.tasks.poll_mailbox",
        "schedule": timedelta(seconds=MAILIN_POLL_SECONDS),
    }
# "Fick du svar på din fråga?" on the public questions page (knowledge/).
PUBLIC_VOTE_RATE = env.str("PUBLIC_VOTE_RATE", default="30/h")
# A tracking link stops working this many days after its case was closed or decided.
TRACKING_LINK_DAYS_AFTER_CLOSE = env.int("TRACKING_LINK_DAYS_AFTER_CLOSE", default=90)
# How long an outside party's private link (a question to Polisen, Länsstyrelsen...) works.
OUTSIDE_QUESTION_LINK_DAYS = env.int("OUTSIDE_QUESTION_LINK_DAYS", default=30)
PUBLIC_OUTSIDE_ANSWER_RATE = env.str("PUBLIC_OUTSIDE_ANSWER_RATE", default="20/h")
# Satisfaction survey (NKI): sent this long after closing, reminders on these days after it.
SURVEY_DELAY_HOURS = env.int("SURVEY_DELAY_HOURS", default=24)
SURVEY_REMINDER_DAYS = [int(day) for day in env.list("SURVEY_REMINDER_DAYS", default=[7, 14, 21])]
NKI_SCALE_MAX = env.int("NKI_SCALE_MAX", default=6)
NKI_MIN_ANSWERS = env.int("NKI_MIN_ANSWERS", default=7)
NKI_MIN_ANSWERS_PUBLIC = env.int("NKI_MIN_ANSWERS_PUBLIC", default=10)
# The SS 884000 self-check (/statistik/lotsstandard/, docs/self-check.md): per indicator,
# green at or above "green", amber at or above "amber", else red; with "lower_is_better" the
# other way round (at or below). Percentages except where noted. A municipality overrides a
# key here; an indicator not listed uses its own default (the same values as below).
SELFCHECK_THRESHOLDS = {
    "coordinator_within_2_days": {"green": 90, "amber": 75},  # % of cases opened
    "first_answer_in_time": {"green": 90, "amber": 75},  # % of cases opened
    "businesses_told_of_slips": {"green": 90, "amber": 75},  # % of cases past their due date
    "referrals_on_time": {"green": 90, "amber": 75},  # % of referrals due
    "guarantees_kept": {"green": 90, "amber": 75},  # % of promises kept or breached
    "nki": {"green": 70, "amber": 62},  # NKI 0-100: "high" and "acceptable" bands
    "diplomas": {"green": 90, "amber": 70},  # % of business-facing officials
    "departments_without_lots": {"green": 0, "amber": 1, "lower_is_better": True},  # count
    "practical_done": {"green": 90, "amber": 70},  # % of business-facing officials
    "visits_against_goal": {"green": 100, "amber": 75},  # % of the year's visit goal
    "ideas_realised": {"green": 3, "amber": 1},  # ideas realised in the period (count)
}
# The municipality's promise of a first answer, in working days (DOMAIN.md: "answer or route
# within 2 working days"), and how many days before a due date a message to the business counts
# as telling it that the deadline slips.
SELFCHECK_FIRST_ANSWER_WORKING_DAYS = env.int("SELFCHECK_FIRST_ANSWER_WORKING_DAYS", default=2)
SELFCHECK_SLIP_NOTICE_DAYS = env.int("SELFCHECK_SLIP_NOTICE_DAYS", default=5)
CELERY_BEAT_SCHEDULE["public-survey-invitations"] = {
    "task": "public.tasks.send_survey_invitations",
    "schedule": timedelta(hours=1),
}
# One-time keys of public forms older than their signature's age are deleted every night.
CELERY_BEAT_SCHEDULE["public-forget-expired-once-keys"] = {
    "task": "public.tasks.forget_expired_once_keys",
    "schedule": crontab(hour=3, minute=45),
}
# --- Training (the LOTS course and diplomas) -------------------------------------------
# The public diploma verification is rate-limited per client address (django-ratelimit,
# the address read from RATELIMIT_IP_META_KEY): at most LIMIT lookups per WINDOW.
DIPLOMA_VERIFY_LIMIT = env.int("DIPLOMA_VERIFY_LIMIT", default=30)
DIPLOMA_VERIFY_WINDOW_SECONDS = env.int("DIPLOMA_VERIFY_WINDOW_SECONDS", default=600)

# --- Headers and limits (lotsportal/security.py, docs/operations.md) --------------------
# Content-Security-Policy sent with every response: no inline script or style anywhere;
# htmx, Bootstrap and Chart.js come from static/. data: images are Bootstrap's CSS icons.
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default=(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
)
# Send it as Content-Security-Policy-Report-Only instead (to try a changed policy first).
CONTENT_SECURITY_POLICY_REPORT_ONLY = env.bool("CONTENT_SECURITY_POLICY_REPORT_ONLY", default=False)
# A request body larger than this is refused with 413 before it is read ...
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=1024 * 1024)
# ... except on the pages that take files: their attachments plus a margin for the form.
_UPLOAD_MARGIN_BYTES = 1024 * 1024
REQUEST_BODY_UPLOAD_LIMITS = {
    # one attachment on the case page
    "cases:upload": CASE_ATTACHMENT_MAX_BYTES + _UPLOAD_MARGIN_BYTES,
    # the public form and the business's reply: up to 5 files (public.services.attachments)
    "public:intake": 5 * CASE_ATTACHMENT_MAX_BYTES + _UPLOAD_MARGIN_BYTES,
    "public:track": 5 * CASE_ATTACHMENT_MAX_BYTES + _UPLOAD_MARGIN_BYTES,
    # the question import (training.interchange.importer.MAX_BYTES is 5 MB)
    "training:interchange": 5 * 1024 * 1024 + _UPLOAD_MARGIN_BYTES,
}
# The form fields of a request (files not counted) Django keeps in memory: the same bound.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES


# --- REST API and webhooks (api/, docs/api.md) ---------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    # Per token, in Redis (the default cache): requests per minute.
    "DEFAULT_THROTTLE_RATES": {"api_token": env.str("API_RATE", default="600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotsportalen API",
    "DESCRIPTION": "Business cases, their timeline, referrals, companies, attachments and "
    "training results for the municipality's systems. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.workflow.CaseStatus",
        "ReferralStatusEnum": "cases.workflow.ReferralStatus",
    },
}
# An API token's last-use time is written at most this often (seconds).
API_TOKEN_TOUCH_SECONDS = env.int("API_TOKEN_TOUCH_SECONDS", default=60)
# Webhook deliveries: the same outbox rules as e-mail, given up after a day.
WEBHOOK_GIVE_UP_HOURS = env.float("WEBHOOK_GIVE_UP_HOURS", default=24)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_RETRY_MAX_SECONDS = env.int("WEBHOOK_RETRY_MAX_SECONDS", default=3600)
WEBHOOK_LEASE_SECONDS = env.int("WEBHOOK_LEASE_SECONDS", default=120)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
CELERY_BEAT_SCHEDULE["send-pending-webhooks"] = {
    "task": "api.tasks.send_pending_webhooks",
    "schedule": timedelta(seconds=OUTBOX_SWEEP_SECONDS),
}
