#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the tests, installing and
# starting it where it is missing, then prints the server URL the tests use
# (PASSERELLE_TEST_POSTGRES_URL). Exits non-zero, saying why, when it cannot.
set -euo pipefail

url="${PASSERELLE_TEST_POSTGRES_URL:-postgres://postgres:passerelle@127.0.0.1:5432/postgres}"
say() { printf 'postgres.sh: %s\n' "$*" >&2; }

ready() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }

start_cluster() {
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || return 1
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
}

if ! ready; then
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
        say "PostgreSQL is not installed: installing it from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        fresh=1
    fi
    say "starting PostgreSQL"
    start_cluster
    for _ in $(seq 1 30); do ready && break; sleep 1; done
    ready || { say "PostgreSQL did not start on 127.0.0.1:5432"; exit 1; }
    if [ "${fresh:-0}" = 1 ]; then
        # A fresh install asks for a password on TCP: give the tests' user one.
        su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'passerelle'\"" >&2
    fi
fi

if ! psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
    say "PostgreSQL runs but refuses $url"
    exit 1
fi
printf '%s\n' "$url"
