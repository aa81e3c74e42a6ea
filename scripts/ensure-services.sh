#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1 for the test suite.
# Starts them from the installed Debian packages when they are installed but stopped;
# otherwise says how to start them with Docker.
set -u

port_open() { # host port
  python3 - "$1" "$2" <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(1)
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
PY
}

wait_for() { # name port
  for _ in $(seq 1 30); do port_open 127.0.0.1 "$2" && return 0; sleep 1; done
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

missing=()

if ! port_open 127.0.0.1 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "Starting PostgreSQL $version ..."
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  wait_for postgresql 5432 || missing+=("PostgreSQL (127.0.0.1:5432)")
fi

if ! port_open 127.0.0.1 6379; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis ..."
    as_root mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_for redis 6379 || missing+=("Redis (127.0.0.1:6379)")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "The tests need: ${missing[*]}." >&2
  echo "Install them (Debian: apt-get install postgresql redis-server), or start them with" >&2
  echo "Docker:  docker compose up -d db redis" >&2
  exit 1
fi
echo "PostgreSQL and Redis are reachable on 127.0.0.1."
