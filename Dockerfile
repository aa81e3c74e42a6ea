FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Pango and a font with å, ä, ö for WeasyPrint (diplomas and printable reports); the
# PostgreSQL 15 client for scripts/backup.sh and scripts/restore.sh.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
       postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/runtime.txt \
    && pip check
COPY . .
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && useradd --system --home /app lots && mkdir -p /app/var/media && chown -R lots /app/var
USER lots
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "lotsportal.wsgi:application"]
