#!/usr/bin/env bash
# A throwaway Synapse homeserver on 127.0.0.1 for the Matrix tests, the benchmark and
# trying the Matrix adapter locally.
#
#   scripts/synapse.sh start DIR   installs Synapse (once, into a cache folder), writes its
#                                  config and database under DIR, starts it and prints its
#                                  URL; DIR/synapse.env then holds the URL, the server
#                                  name, the registration secret and the PID
#   scripts/synapse.sh stop DIR    stops the Synapse started in DIR
#   scripts/synapse.sh prepare DIR what start does before starting it: installs, writes
#                                  DIR and prints the URL it will answer on
#   scripts/synapse.sh serve DIR   runs the Synapse prepared in DIR in the foreground, in
#                                  this process (exec), until it is signalled: for a caller
#                                  that manages the process itself (the Matrix tests)
#   scripts/synapse.sh register DIR USER PASSWORD [admin]
#                                  creates a user through the shared-secret admin API
#
# It exits non-zero, saying why, when Synapse cannot be installed or does not answer.
set -euo pipefail

SYNAPSE_VERSION="${PASSERELLE_SYNAPSE_VERSION:-1.163.2}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/passerelle/synapse-$SYNAPSE_VERSION"
say() { printf 'synapse.sh: %s\n' "$*" >&2; }

install() {
    if [ -x "$cache/bin/python" ] && "$cache/bin/python" -c 'import synapse' 2>/dev/null; then
        return
    fi
    command -v python3 >/dev/null || { say "python3 is missing"; exit 1; }
    say "installing matrix-synapse $SYNAPSE_VERSION from PyPI into $cache"
    rm -rf "$cache"
    python3 -m venv "$cache" >&2
    "$cache/bin/pip" install -q --disable-pip-version-check "matrix-synapse==$SYNAPSE_VERSION" >&2 ||
        { rm -rf "$cache"; say "pip could not install matrix-synapse"; exit 1; }
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_config() {
    local dir=$1 port=$2 secret=$3
    mkdir -p "$dir/media" "$dir/keys"
    # Rate limits high enough for tests that register, log in and chat quickly.
    local fast='{per_second: 1000, burst_count: 10000}'
    cat >"$dir/homeserver.yaml" <<EOF
server_name: "localhost"
public_baseurl: "http://127.0.0.1:$port/"
report_stats: false
listeners:
  - port: $port
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "$dir/homeserver.db"
log_config: "$dir/log.yaml"
media_store_path: "$dir/media"
signing_key_path: "$dir/keys/signing.key"
trusted_key_servers: []
suppress_key_server_warning: true
registration_shared_secret: "$secret"
enable_registration: true
enable_registration_without_verification: true
bcrypt_rounds: 4
macaroon_secret_key: "$secret-macaroon"
form_secret: "$secret-form"
rc_message: $fast
rc_registration: $fast
rc_login:
  address: $fast
  account: $fast
  failed_attempts: $fast
rc_joins:
  local: $fast
  remote: $fast
rc_joins_per_room: $fast
rc_invites:
  per_room: $fast
  per_user: $fast
  per_issuer: $fast
rc_admin_redaction: $fast
rc_3pid_validation: $fast
rc_third_party_invite: $fast
rc_media_create: $fast
rc_presence:
  per_user: $fast
rc_delayed_event_mgmt: $fast
rc_room_creation: $fast
rc_reports: $fast
rc_key_requests: $fast
# Synapse hands the same /sync response out again for this long (2 minutes by default):
# short here, so the Matrix tests can restart the bot both inside and after it.
caches:
  sync_response_cache_duration: 10s
EOF
    cat >"$dir/log.yaml" <<EOF
version: 1
formatters:
  precise:
    format: '%(asctime)s %(levelname)s %(name)s %(message)s'
handlers:
  file:
    class: logging.FileHandler
    filename: "$dir/homeserver.log"
    formatter: precise
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
EOF
}

prepare() {
    local dir
    dir=$(mkdir -p "$1" && cd "$1" && pwd)
    install
    local port secret
    port=$(free_port)
    secret=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    write_config "$dir" "$port" "$secret"
    cat >"$dir/synapse.env" <<EOF
SYNAPSE_URL=http://127.0.0.1:$port
SYNAPSE_SERVER_NAME=localhost
SYNAPSE_SHARED_SECRET=$secret
EOF
    printf 'http://127.0.0.1:%s\n' "$port"
}

serve() {
    local dir
    dir=$(cd "$1" && pwd)
    [ -f "$dir/homeserver.yaml" ] || { say "nothing prepared in $1"; exit 1; }
    exec "$cache/bin/python" -m synapse.app.homeserver -c "$dir/homeserver.yaml"
}

start() {
    local dir url
    dir=$(mkdir -p "$1" && cd "$1" && pwd)
    url=$(prepare "$dir")
    serve "$dir" >"$dir/stdout.log" 2>&1 &
    local pid=$!
    echo "SYNAPSE_PID=$pid" >>"$dir/synapse.env"
    for _ in $(seq 1 120); do
        if curl -fsS -m 2 "$url/_matrix/client/versions" >/dev/null 2>&1; then
            printf '%s\n' "$url"
            return
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    say "Synapse did not answer on $url; its output:"
    tail -n 30 "$dir/stdout.log" "$dir/homeserver.log" >&2 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    exit 1
}

stop() {
    local env="$1/synapse.env"
    [ -f "$env" ] || { say "no Synapse was started in $1"; exit 1; }
    # shellcheck disable=SC1090
    . "$env"
    [ -n "${SYNAPSE_PID:-}" ] || { say "the Synapse in $1 was not started by this script"; exit 1; }
    kill "$SYNAPSE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SYNAPSE_PID" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$SYNAPSE_PID" 2>/dev/null || true
}

register() {
    local env="$1/synapse.env" user=$2 password=$3 admin=${4:-notadmin}
    # shellcheck disable=SC1090
    . "$env"
    SYNAPSE_URL=$SYNAPSE_URL SECRET=$SYNAPSE_SHARED_SECRET R_USER=$user R_PASSWORD=$password \
        R_ADMIN=$admin python3 - <<'EOF'
import hashlib, hmac, json, os, urllib.request
url = os.environ["SYNAPSE_URL"] + "/_synapse/admin/v1/register"
nonce = json.load(urllib.request.urlopen(url, timeout=10))["nonce"]
user, password = os.environ["R_USER"], os.environ["R_PASSWORD"]
admin = os.environ["R_ADMIN"] == "admin"
mac = hmac.new(os.environ["SECRET"].encode(), digestmod=hashlib.sha1)
mac.update(b"\x00".join([nonce.encode(), user.encode(), password.encode(),
                         b"admin" if admin else b"notadmin"]))
body = json.dumps({"nonce": nonce, "username": user, "password": password,
                   "admin": admin, "mac": mac.hexdigest()}).encode()
request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=10))["user_id"])
EOF
}

case "${1:-}" in
start | stop | prepare | serve) [ $# -eq 2 ] || { say "usage: $0 $1 DIR"; exit 2; }; "$1" "$2" ;;
register) [ $# -ge 4 ] || { say "usage: $0 register DIR USER PASSWORD [admin]"; exit 2; }; register "$2" "$3" "$4" "${5:-}" ;;
*) say "usage: $0 start DIR | stop DIR | prepare DIR | serve DIR | register DIR USER PASSWORD [admin]"; exit 2 ;;
esac
