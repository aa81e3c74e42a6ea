"""Gunicorn settings for the web process (docker-compose.yml, Dockerfile, deploy/systemd).

Start: ``gunicorn -c deploy/gunicorn.conf.py lotsportal.wsgi:application``. Every value can be
changed from the environment (GUNICORN_CMD_ARGS, or the variables below). The request body is
limited by the portal itself (REQUEST_BODY_MAX_BYTES, lotsportal/security.py): gunicorn has no
body limit, only the limits on the request line and headers set here.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Threaded workers (gthread): the worker's heartbeat keeps going while a thread streams a long
# download (the case export at 100,000 cases takes minutes), where a sync worker is killed
# after ``timeout`` seconds in one response. GUNICORN_WORKER_CLASS=sync brings the old back.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker silent for longer than this is replaced (with gthread: its main loop, not a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# The request line (method, path and query string), the number of headers and each header's size.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
# Heartbeat files in memory, not on a possibly slow disk (a container's /tmp may be overlayfs).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
