#!/bin/sh
# Run once by the postgres image when it creates the database (/docker-entrypoint-initdb.d, as the superuser).
# Creates the role Asterisk logs in as for its call records (cel_pgsql, realtime queue_log): it may log in and
# nothing else. Its INSERT right on asterisk.cel and asterisk.queue_log is granted by cti-server's migration V80,
# which creates those tables (cti-server starts after this has run). docker/README.md: "Asterisk's call records".
set -eu
pass="${ASTERISK_DB_PASSWORD:?ASTERISK_DB_PASSWORD is not set}"
case "$pass" in
    *[!A-Za-z0-9._-]*) echo "ASTERISK_DB_PASSWORD may contain only letters, digits, '.', '_' and '-'" >&2; exit 1 ;;
esac
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
-- no right on any table: PostgreSQL 17 gives PUBLIC no CREATE on schema public, and cti-server's tables grant nothing
create role asterisk login password '$pass' nosuperuser nocreatedb nocreaterole noinherit;
SQL
