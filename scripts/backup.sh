#!/usr/bin/env bash
# Back up Lotsportalen: the database and the uploaded files, in one archive.
#
#   scripts/backup.sh [OUTPUT_DIR]        (default: $BACKUP_DIR, else ./backups)
#
# Reads DATABASE_URL (postgres://user:password@host:port/name) and MEDIA_ROOT from the
# environment. Writes OUTPUT_DIR/lotsportal-YYYYMMDDTHHMMSSZ.tar holding one folder with
#   database.dump  pg_dump custom format (pg_restore reads it)
#   media.tar      everything under MEDIA_ROOT (attachments, diplomas)
#   tables.tsv     the number of rows of every table, counted in the dump's own snapshot
#   media.sha256   a checksum of every file in media.tar (sha256sum -c format)
#   SHA256SUMS     checksums of the four files above
#   VERSION        the archive format
# scripts/restore.sh restores it and checks every count and checksum. docs/operations.md.
set -euo pipefail
umask 077  # the archive holds personal data

: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the folder of uploaded files)}"
out_dir=${1:-${BACKUP_DIR:-./backups}}
mkdir -p "$out_dir"
[ -d "$MEDIA_ROOT" ] || mkdir -p "$MEDIA_ROOT"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="lotsportal-$stamp"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="$work/$name"
mkdir "$dir"

# Rows per table of the public schema, in one line: "table count,table count,...".
count_rows_sql="SELECT coalesce(string_agg(table_name || E'\t' || (xpath('/row/n/text()',
  query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
  false, true, '')))[1]::text, ',' ORDER BY table_name), '')
  FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';"

# One snapshot for the dump and the counts: a transaction that stays open while pg_dump runs.
coproc PSQL { psql --no-psqlrc --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 "$DATABASE_URL"; }
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"${PSQL[1]}"
read -r snapshot <&"${PSQL[0]}"
pg_dump --format=custom --no-owner --no-privileges --snapshot="$snapshot" \
  --dbname="$DATABASE_URL" --file="$dir/database.dump"
echo "$count_rows_sql" >&"${PSQL[1]}"
read -r counts <&"${PSQL[0]}"
echo "COMMIT;" >&"${PSQL[1]}"
psql_pid=$PSQL_PID
eval "exec ${PSQL[1]}>&-"
wait "$psql_pid"
tr ',' '\n' <<<"$counts" | sed '/^$/d' >"$dir/tables.tsv"

# The files after the dump: every file a dumped row names is there (files are written before
# their row commits and deleted only after the row is gone).
tar -C "$MEDIA_ROOT" -cf "$dir/media.tar" .
(cd "$MEDIA_ROOT" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$dir/media.sha256"
echo "lotsportal-backup 1" >"$dir/VERSION"
(cd "$dir" && sha256sum database.dump media.tar tables.tsv media.sha256 VERSION) >"$dir/SHA256SUMS"

tar -C "$work" -cf "$work/$name.tar" "$name"
mv "$work/$name.tar" "$out_dir/$name.tar"
echo "$out_dir/$name.tar: $(wc -l <"$dir/tables.tsv") tables, $(wc -l <"$dir/media.sha256") files"
