#!/usr/bin/env bash
# Passerelle on a local Matrix homeserver, to try the Matrix bot without any account.
#
#   scripts/matrix-local.sh up    starts Synapse on 127.0.0.1 (scripts/synapse.sh), creates
#                                 the bot's account and yours, the community's rooms, and
#                                 .matrix-local/passerelle.toml (the demo community on Matrix)
#   scripts/matrix-local.sh run   runs `passerelle run` against it (Ctrl-C stops it)
#   scripts/matrix-local.sh down  stops Synapse; `rm -rf .matrix-local` forgets everything
#
# Then sign in with any Matrix client (Element, Fractal, nheko, gomuks…) on the printed
# homeserver URL as `you`, and write `!help` in #general.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.matrix-local
say() { printf 'matrix-local: %s\n' "$*" >&2; }

up() {
    if [ -f "$dir/synapse.env" ] && curl -fsS -m 2 "$(. "$dir/synapse.env"; echo "$SYNAPSE_URL")/_matrix/client/versions" >/dev/null 2>&1; then
        say "already up"; show; return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    url=$(scripts/synapse.sh start "$dir/synapse")
    cp "$dir/synapse/synapse.env" "$dir/synapse.env"
    bot_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
    scripts/synapse.sh register "$dir/synapse" passerelle "$bot_password" >/dev/null
    scripts/synapse.sh register "$dir/synapse" you passerelle >/dev/null
    cat >"$dir/secrets.env" <<EOF
PASSERELLE_MATRIX_PASSWORD=$bot_password
PASSERELLE_MATRIX_STORE_PASSPHRASE=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
EOF
    chmod 600 "$dir/secrets.env"
    # Your account creates the rooms (so you are their admin) and invites the bot.
    rooms=$(URL=$url python3 - <<'EOF'
import json, os, urllib.request
url = os.environ["URL"]
def call(path, body, token=None):
    request = urllib.request.Request(url + path, json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    return json.load(urllib.request.urlopen(request, timeout=30))
token = call("/_matrix/client/v3/login", {"type": "m.login.password",
             "identifier": {"type": "m.id.user", "user": "you"},
             "password": "passerelle"})["access_token"]
for alias, name in [("general", "General"), ("welcome", "Welcome"),
                    ("welcome-team", "Welcome team")]:
    preset = "private_chat" if alias == "welcome-team" else "public_chat"
    room = call("/_matrix/client/v3/createRoom", {"preset": preset, "name": name,
                "room_alias_name": alias, "invite": ["@passerelle:localhost"]}, token)
    print(alias, room["room_id"])
EOF
)
    {
        sed '/^\[\[community.room\]\]/,/^$/d' config/demo/community.toml
        while read -r alias id; do
            case $alias in
            general) purpose='["main", "announcements"]' ;;
            welcome) purpose='"welcome"' ;;
            *) purpose='"welcome-team"' ;;
            esac
            printf '\n[[community.room]]\nplatform = "matrix"\nid = "%s"\npurpose = %s\n' "$id" "$purpose"
        done <<<"$rooms"
        cat <<EOF

[matrix]
homeserver = "$url"
user = "@passerelle:localhost"
store = "$dir/matrix-store"

[[matrix.role]]
role = "admin"
power_level = 100
EOF
    } >"$dir/passerelle.toml"
    cargo run -q -- --config "$dir/passerelle.toml" --db "sqlite:$dir/passerelle.db" \
        faq import config/demo/faq >/dev/null
    show
}

show() {
    # shellcheck disable=SC1091
    . "$dir/synapse.env"
    cat <<EOF
Synapse runs on $SYNAPSE_URL (server name localhost).
Your account: you / passerelle. The rooms: #general:localhost, #welcome:localhost,
#welcome-team:localhost. Now start the bot:  scripts/matrix-local.sh run
EOF
}

run() {
    [ -f "$dir/passerelle.toml" ] || { say "nothing set up: run scripts/matrix-local.sh up first"; exit 1; }
    set -a
    # shellcheck disable=SC1091
    . "$dir/secrets.env"
    set +a
    exec cargo run -q -- --config "$dir/passerelle.toml" --db "sqlite:$dir/passerelle.db" run
}

case "${1:-}" in
up) up ;;
run) run ;;
down) scripts/synapse.sh stop "$dir/synapse" ;;
*) say "usage: $0 up | run | down"; exit 2 ;;
esac
