#!/usr/bin/env bash
# Writers' room server on this Debian machine (no docker): installs
# PostgreSQL from Debian's packages, starts it, and creates the studio admin
# login (may create databases and roles). Run as root or with sudo.
#
#   ROOM_ADMIN=duanju_admin ROOM_ADMIN_PASSWORD=… .ci/room-setup.sh
#
# Then, as the admin (password in ~/.pgpass or `duanju-cli room login`):
#   duanju-cli push series.duanju postgres://duanju_admin@localhost/series
#   duanju-cli room add postgres://duanju_admin@localhost/series wang writer --password-stdin
set -euo pipefail
admin=${ROOM_ADMIN:-duanju_admin}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
	ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
	pg_lsclusters -h | grep -q "^$ver main" || $SUDO pg_createcluster "$ver" main >/dev/null
	$SUDO pg_ctlcluster "$ver" main start
fi
pw=${ROOM_ADMIN_PASSWORD:-}
if [ -z "$pw" ]; then
	read -r -s -p "password for the studio admin $admin: " pw; echo
fi
AS_PG="sudo -u postgres"; [ "$(id -u)" = 0 ] && AS_PG="runuser -u postgres --"
$AS_PG psql -X -q -v ON_ERROR_STOP=1 -v admin="$admin" -v pw="$pw" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB CREATEROLE', :'admin')
	WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'admin') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB CREATEROLE PASSWORD %L', :'admin', :'pw') \gexec
SQL
echo "writers' room ready: studio admin $admin on $(hostname):5432"
echo "next: duanju-cli push SERIES.duanju postgres://$admin@localhost/SERIES"
echo "other computers: set listen_addresses in postgresql.conf and a host line in pg_hba.conf"
