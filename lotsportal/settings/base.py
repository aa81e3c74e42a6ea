"""The platform under the portal: Django, the database, accounts and sign-in, language, files,
the cache, e-mail, Celery, security and logging. The portal's own features' settings are in
``portal.py``; ``lotsportal.settings`` gathers both."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Zero-setup mode: with no DATABASE_URL the portal assumes a developer's machine (DEBUG on,
# SQLite, eager tasks, console e-mail). Any deployment sets DATABASE_URL and gets the safe
# defaults: DEBUG off, a required SECRET_KEY, secure cookies and HSTS.
LOCAL_MODE = not env.str("DATABASE_URL", default="")
DEBUG = env.bool("DEBUG", default=LOCAL_MODE)

# A key for local development only; production must set its own.
_DEV_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY or (not DEBUG and SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (see README.md, 'Environment variables')."
    )

# Rotating the key: the old one goes here for a while, so that signed cookies, sessions,
# password-reset links and survey reminders made with it keep working (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="Exempelby kommun")
# The address the portal is reached at, used for links in e-mails and diplomas.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# How many cases one bulk action on the case list takes at most (the ticked ones, or all
# matching the list's filter); more and the official is asked to narrow the filter.
CASES_BULK_LIMIT = env.int("CASES_BULK_LIMIT", default=100)
# The newcomer's mode without SITE_URL: links follow the address the portal is reached at
# (lotsportal/site.py; the host is checked against ALLOWED_HOSTS first).
SITE_URL_FROM_REQUEST = env.bool(
    "SITE_URL_FROM_REQUEST", default=LOCAL_MODE and not env.str("SITE_URL", default="")
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "axes",
    "django_ratelimit",
    # Two factors (TOTP and recovery codes); before accounts, whose admin replaces theirs.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    # Configuration history (old and new values of roles, retention, case types ...).
    "confighistory",
    "notifications",
    "cases",
    "public",
    "mailin",
    "earchive",
    "training",
    "stats",
    "knowledge",
    # The proactive half: company visits, DialogLab workshops, improvement ideas (issue 15).
    "development",
    # The demo municipality (seed_demo) and the volume generator of bench/: on top of all.
    "demo",
    # The REST API and webhooks for the municipality's systems (docs/api.md). ``api.wording``
    # comes before ``rest_framework``: its catalogue keeps Django's Swedish wording for the few
    # messages DRF's catalogue words differently ("Detta fält måste fyllas i.").
    "api",
    "api.wording",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers and limits (lotsportal/security.py): before anything that reads the body.
    "lotsportal.security.ContentSecurityPolicyMiddleware",
    "lotsportal.security.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotsportal.middleware.CookieLocaleMiddleware",
    # A database that cannot be reached: 503 with Retry-After and the sent form kept.
    "lotsportal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lotsportal.site.SiteUrlFromRequestMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor (accounts/two_factor.py): request.user.is_verified(), then the demand.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lotsportal.middleware.FriendlyMethodNotAllowedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes must be last: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotsportal.urls"
WSGI_APPLICATION = "lotsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotsportal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services open their own transactions
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost; for this
    # portal's short statements that compiling cost more than it saved (bench/README.md, "JIT").
    if not env.bool("DATABASE_JIT", default=False):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
# A streaming replica for the reads of statistics and downloads (docs/scaling.md). Unset: one
# database, and lotsportal.dbrouting's router changes nothing.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["ATOMIC_REQUESTS"] = False
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
        if not env.bool("DATABASE_JIT", default=False):  # as for the primary, above
            replica_options = DATABASES["replica"].setdefault("OPTIONS", {})
            replica_options["options"] = f"{replica_options.get('options', '')} -c jit=off".strip()
REPORTING_DATABASE = "replica" if "replica" in DATABASES else "default"
DATABASE_ROUTERS = ["lotsportal.dbrouting.ReportingRouter"]
# Behind PgBouncer in transaction mode, server-side cursors (the streamed CSV export) must be
# off: DISABLE_SERVER_SIDE_CURSORS=true (the export then fetches its rows client-side).
if env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False):
    for _alias in DATABASES.values():
        _alias["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Loads a user who signed in with the municipality's account (accounts/sso_views.py).
    "accounts.backends.OIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: lock an account out after repeated failed sign-ins.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# Lock a user name out from the address that failed (not everyone, everywhere: that would let
# anyone lock a colleague out).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None

# --- Sign-in with the municipality's account (OIDC) and two factors -----------------------
# (accounts/oidc.py, accounts/sso_views.py, accounts/two_factor.py; docs/operations.md has the
# set-up for Entra ID and Keycloak.) With no OIDC_DISCOVERY_URL the button is not shown and the
# portal signs in with passwords only, as in the zero-setup mode.
# The provider's discovery document, or its issuer (/.well-known/openid-configuration is added).
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_DISCOVERY_URL = env.str(
    "OIDC_DISCOVERY_URL",
    default=f"{OIDC_ISSUER}/.well-known/openid-configuration" if OIDC_ISSUER else "",
)
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
# client_secret_basic, client_secret_post, or none (a public client: PKCE alone).
OIDC_TOKEN_AUTH_METHOD = env.str("OIDC_TOKEN_AUTH_METHOD", default="client_secret_basic")
OIDC_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
# The claim holding the user's groups (mapped to departments and roles in the admin: Group
# mappings), and the one holding the employee id.
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_EMPLOYEE_ID_CLAIM = env.str("OIDC_EMPLOYEE_ID_CLAIM", default="employee_id")
# Seconds to wait for the provider, and how long its discovery document and keys are kept.
OIDC_TIMEOUT_SECONDS = env.float("OIDC_TIMEOUT_SECONDS", default=5.0)
OIDC_METADATA_SECONDS = env.int("OIDC_METADATA_SECONDS", default=3600)
# Where an official lands after signing in through the provider (Mitt arbete).
OIDC_LOGIN_REDIRECT_URL = env.str("OIDC_LOGIN_REDIRECT_URL", default="cases:my_work")
# The password form on the sign-in page (local accounts); false leaves only the provider.
PASSWORD_SIGN_IN_ENABLED = env.bool("PASSWORD_SIGN_IN_ENABLED", default=True)
# A second factor (TOTP) is asked of everyone who may open the admin after a password sign-in;
# true asks it of every user after every sign-in (also with the municipality's account).
TWO_FACTOR_FOR_EVERYONE = env.bool("TWO_FACTOR_FOR_EVERYONE", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default=f"Lotsportalen {MUNICIPALITY_NAME}")

# --- Language -------------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded files are never under a public path: views serve them after a permission check.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Cache and rate limits ------------------------------------------------------------
# Rate limits need a cache shared by every web process: Redis in deployment
# (CACHE_URL=redis://host:6379/1). The local default is per-process memory.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# A Redis that is down or does not answer must not hold a request: short socket timeouts
# (seconds). The public forms' rate limit then lets the request through (logged at WARNING).
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
        socket_timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
    )
# The 503 page when the database cannot be reached: Retry-After in seconds.
SERVICE_UNAVAILABLE_RETRY_AFTER = env.int("SERVICE_UNAVAILABLE_RETRY_AFTER", default=30)
RATELIMIT_VIEW = "lotsportal.views.rate_limited"
# Behind a reverse proxy, name the header that carries the client address, e.g.
# HTTP_X_FORWARDED_FOR (the proxy must overwrite it, not append to it).
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
# Public forms (lotsportal/public_forms.py): a form sent faster than this is refused.
PUBLIC_FORM_MIN_SECONDS = env.float("PUBLIC_FORM_MIN_SECONDS", default=3.0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="lotsportalen@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that accepts the connection and then says nothing must not hold a sender.
EMAIL_TIMEOUT = EMAIL_CONFIG.get("EMAIL_TIMEOUT") or env.int("EMAIL_TIMEOUT", default=20)

# --- E-mail outbox (notifications/) -----------------------------------------------------
# A temporary failure (mail server down, timeout, SMTP 4xx) keeps a message pending and tries
# again after 1, 2, 4 ... minutes (at most OUTBOX_RETRY_MAX_SECONDS apart) for this many hours
# before it is given up; an SMTP 5xx fails it at once. The admin's "send again" resends both.
OUTBOX_GIVE_UP_HOURS = env.float("OUTBOX_GIVE_UP_HOURS", default=72)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=3600)
# A sender claims a message for this long; if it dies mid-send the sweep tries again after.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
# How often beat runs the outbox sweep.
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=60)
# /healthz says "degraded" when a due message has waited longer than this.
HEALTH_MAIL_PENDING_MAX_MINUTES = env.int("HEALTH_MAIL_PENDING_MAX_MINUTES", default=30)
# A monitor sending this as "Authorization: Bearer <token>" (or X-Health-Token) gets the
# details of /healthz; anonymous callers get only the status. Empty: staff only.
HEALTH_TOKEN = env.str("HEALTH_TOKEN", default="")
# Checks /healthz runs besides the database and the broker: name -> dotted path of a function.
HEALTH_CHECKS = {"mail": "notifications.health.check_mail"}

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory://")
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Broker faults (docs/operations.md, "Faults: mail server, broker, worker"):
# - The worker (and beat) reconnect for ever after losing the broker, at start-up too. Do not
#   put "max_retries" in the transport options: kombu applies it to every connection of the
#   process (each default_channel), so the worker's own components gave up after one retry
#   and the worker exited ("Unrecoverable error") instead of reconnecting.
# - The web process publishes once, without retries (lotsportal/tasking.py, retry=False),
#   with short socket timeouts, and remembers a failure for CELERY_BROKER_DOWN_SECONDS: a
#   request never waits for a broker that is down; the outbox sweep sends the mail later.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0),
    "socket_keepalive": True,
    "health_check_interval": 25,
}
CELERY_BROKER_DOWN_SECONDS = env.float("CELERY_BROKER_DOWN_SECONDS", default=5.0)
# A task still running when the connection drops finishes (every task is safe to run twice,
# and an outbox send is guarded by its row's lease, not by the broker's ack).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_BEAT_SCHEDULE = {
    "send-pending-outbox": {
        "task": "notifications.tasks.send_pending_outbox",
        "schedule": timedelta(seconds=OUTBOX_SWEEP_SECONDS),
    },
    "training-reminders": {
        "task": "training.tasks.send_training_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "training-question-statistics": {
        "task": "training.tasks.compute_question_statistics",
        "schedule": crontab(hour=2, minute=30),
    },
    "training-abandon-unfinished-attempts": {
        "task": "training.tasks.abandon_unfinished_attempts",
        "schedule": crontab(hour=2, minute=15),
    },
}
# Keep a reference so that apps adding beat entries can import crontab from one place.
CELERY_CRONTAB = crontab

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # Django's own Redis cache has the atomic increment django-ratelimit needs; the
    # library only lists django-redis by name.
    "django_ratelimit.W001",
    # The local default keeps rate-limit counters in process memory: fine for one dev server.
    *(["django_ratelimit.E003"] if LOCAL_MODE else []),
    *env.list("SILENCED_SYSTEM_CHECKS", default=[]),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "authlib": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}
