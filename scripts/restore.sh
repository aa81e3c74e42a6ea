#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty database and media folder.
#
#   scripts/restore.sh ARCHIVE [--force]
#
# Reads DATABASE_URL and MEDIA_ROOT from the environment, like the portal. Refuses a database
# that already has tables, or a MEDIA_ROOT that already has files, unless --force is given:
# then the database's objects are dropped and replaced, and MEDIA_ROOT's files are removed
# first. Checks the archive's checksums before it touches anything, and afterwards that every
# table has the rows and every file the checksum the backup recorded. Exit status 0 only then.
# Stop web, worker and beat first (docs/operations.md, "Restore").
set -euo pipefail
umask 077

usage() { echo "usage: scripts/restore.sh ARCHIVE [--force]" >&2; exit 2; }
archive="" force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -*) usage ;;
    *) [ -z "$archive" ] || usage; archive=$arg ;;
  esac
done
[ -n "$archive" ] || usage
[ -f "$archive" ] || { echo "restore: no such archive: $archive" >&2; exit 2; }
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the folder of uploaded files)}"

psql_value() { psql --no-psqlrc --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 "$DATABASE_URL" -c "$1"; }
count_rows_sql="SELECT coalesce(string_agg(table_name || E'\t' || (xpath('/row/n/text()',
  query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
  false, true, '')))[1]::text, ',' ORDER BY table_name), '')
  FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$archive"
dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'lotsportal-*' | head -n 1)
[ -n "$dir" ] && [ -f "$dir/VERSION" ] || { echo "restore: not a Lotsportalen backup: $archive" >&2; exit 1; }
[ "$(cat "$dir/VERSION")" = "lotsportal-backup 1" ] || { echo "restore: unknown format: $(cat "$dir/VERSION")" >&2; exit 1; }
(cd "$dir" && sha256sum --check --quiet SHA256SUMS) || { echo "restore: the archive is damaged" >&2; exit 1; }

tables=$(psql_value "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public';")
if [ "$tables" != "0" ] && [ "$force" != 1 ]; then
  echo "restore: the database already has $tables tables; restore into an empty database, or give --force to replace it" >&2
  exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(find "$MEDIA_ROOT" -mindepth 1 -print -quit)" ] && [ "$force" != 1 ]; then
  echo "restore: $MEDIA_ROOT is not empty; give an empty folder, or --force to replace its files" >&2
  exit 1
fi

clean=()
[ "$tables" = "0" ] || clean=(--clean --if-exists)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" \
  --dbname="$DATABASE_URL" "$dir/database.dump"
mkdir -p "$MEDIA_ROOT"
if [ "$force" = 1 ]; then
  find "$MEDIA_ROOT" -mindepth 1 -delete
fi
tar -C "$MEDIA_ROOT" -xf "$dir/media.tar"

# Check: every table's rows and every file's checksum as recorded at backup time.
psql_value "$count_rows_sql" | tr ',' '\n' | sed '/^$/d' >"$work/restored.tsv"
if ! diff -u "$dir/tables.tsv" "$work/restored.tsv" >"$work/tables.diff"; then
  echo "restore: row counts differ from the backup:" >&2
  cat "$work/tables.diff" >&2
  exit 1
fi
if ! (cd "$MEDIA_ROOT" && sha256sum --check --quiet --strict "$dir/media.sha256"); then
  echo "restore: files differ from the backup" >&2
  exit 1
fi
echo "restored $(wc -l <"$dir/tables.tsv") tables and $(wc -l <"$dir/media.sha256") files from $archive; counts and checksums match"
