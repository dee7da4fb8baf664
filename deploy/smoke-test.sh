#!/usr/bin/env bash
# Smoke test of the container image: build it, run it on SQLite against a
# stand-in Slack, check /healthz (from outside, and with the image's own
# HEALTHCHECK command), /metrics, the non-root user and the data volume,
# then stop it with SIGTERM and remove everything it made.
#
#   deploy/smoke-test.sh                      # builds ./Dockerfile (compiles in the container)
#   deploy/smoke-test.sh --local BINARY       # wraps a binary built here (deploy/Containerfile.local)
#   deploy/smoke-test.sh --image IMAGE        # tests an image already built (kept afterwards)
#
# Needs Docker or Podman (ENGINE=docker|podman picks one), curl and python3
# (the stand-in Slack that answers auth.test, which `serve` calls at start).
# The container uses the host's network so that it reaches the stand-in on
# loopback; nothing leaves the machine. Environment knobs:
#   ENGINE            docker or podman (default: the first found)
#   PORT              port the bot listens on (default 18080)
#   FAKE_SLACK_PORT   port of the stand-in Slack (default 18081)
#   ADMIN_PORT        the admin address's port, /metrics (default 18082)
#   BASE              base image of --local (default debian:bookworm-slim)
#   ENGINE_OPTS       extra options for `build` and `run`, e.g. for a host
#                     where the runtime may not raise limits:
#                     "--runtime runc --ulimit nofile=20000:20000 --ulimit nproc=1000:1000"
set -euo pipefail

cd "$(dirname "$0")/.."
ENGINE="${ENGINE:-$(command -v docker >/dev/null 2>&1 && echo docker || echo podman)}"
PORT="${PORT:-18080}"
FAKE_SLACK_PORT="${FAKE_SLACK_PORT:-18081}"
ADMIN_PORT="${ADMIN_PORT:-18082}"
BASE="${BASE:-debian:bookworm-slim}"
read -r -a OPTS <<<"${ENGINE_OPTS:-}"
IMAGE="localhost/scrumbot:smoke-$$"
NAME="scrumbot-smoke-$$"
VOLUME="scrumbot-smoke-$$"

LOCAL_BINARY=""
KEEP_IMAGE=""
case "${1:-}" in
  --local) LOCAL_BINARY="${2:?--local takes the path of a scrumbot binary}" ;;
  --image) IMAGE="${2:?--image takes an image name}"; KEEP_IMAGE=1 ;;
  "") ;;
  *) echo "usage: $0 [--local BINARY | --image IMAGE]" >&2; exit 2 ;;
esac

STAGE=""
FAKE_PID=""
cleanup() {
  "$ENGINE" rm -f "$NAME" >/dev/null 2>&1 || true
  "$ENGINE" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  if [ -z "$KEEP_IMAGE" ]; then "$ENGINE" rmi -f "$IMAGE" >/dev/null 2>&1 || true; fi
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; fi
  if [ -n "$STAGE" ]; then rm -rf "$STAGE"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  "$ENGINE" logs "$NAME" 2>&1 | tail -n 30 >&2 || true
  exit 1
}

# Podman writes OCI images by default, which have no HEALTHCHECK.
BUILD_OPTS=()
case "$(basename "$ENGINE")" in podman*) BUILD_OPTS=(--format docker) ;; esac

echo "== build ($ENGINE)"
if [ -n "$KEEP_IMAGE" ]; then
  echo "using $IMAGE as it is"
elif [ -n "$LOCAL_BINARY" ]; then
  STAGE="$(mktemp -d)"
  # Strip a copy: the release profile keeps line tables (~140 MB; ~26 MB stripped).
  strip -o "$STAGE/scrumbot" "$LOCAL_BINARY" 2>/dev/null || cp "$LOCAL_BINARY" "$STAGE/scrumbot"
  chmod 0755 "$STAGE/scrumbot"
  "$ENGINE" build "${BUILD_OPTS[@]}" "${OPTS[@]}" --build-arg "BASE=$BASE" -f deploy/Containerfile.local -t "$IMAGE" "$STAGE"
else
  "$ENGINE" build "${BUILD_OPTS[@]}" "${OPTS[@]}" -t "$IMAGE" .
fi
"$ENGINE" image inspect "$IMAGE" --format 'image size: {{.Size}} bytes, user: {{.Config.User}}'

echo "== stand-in Slack on 127.0.0.1:$FAKE_SLACK_PORT"
python3 - "$FAKE_SLACK_PORT" <<'PY' &
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

AUTH = {"ok": True, "url": "https://smoke.slack.com/", "team": "Smoke", "user": "scrumbot",
        "team_id": "T0SMOKE", "user_id": "U0SMOKE", "bot_id": "B0SMOKE"}

class Slack(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        body = json.dumps(AUTH if urlsplit(self.path).path.endswith("/auth.test") else {"ok": True}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = answer
    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), Slack).serve_forever()
PY
FAKE_PID=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$FAKE_SLACK_PORT/api/auth.test" 2>/dev/null && break
  sleep 0.2
done

echo "== run on SQLite, port $PORT"
"$ENGINE" run -d "${OPTS[@]}" --name "$NAME" --network host \
  -v "$VOLUME:/data" \
  -e SLACK_BOT_TOKEN=xoxb-smoke-test \
  -e SLACK_SIGNING_SECRET=smoke-test-secret \
  -e "SLACK_API_URL=http://127.0.0.1:$FAKE_SLACK_PORT/api/" \
  -e "SCRUMBOT_LISTEN=127.0.0.1:$PORT" \
  -e "SCRUMBOT_ADMIN_LISTEN=127.0.0.1:$ADMIN_PORT" \
  "$IMAGE" >/dev/null

HEALTH=""
for _ in $(seq 1 60); do
  if HEALTH="$(curl -fsS "http://127.0.0.1:$PORT/healthz" 2>/dev/null)"; then break; fi
  [ "$("$ENGINE" inspect -f '{{.State.Running}}' "$NAME")" = "true" ] || fail "the container exited"
  sleep 0.5
done
[ -n "$HEALTH" ] || fail "/healthz did not answer within 30 s"
echo "/healthz: $HEALTH"
case "$HEALTH" in *'"ok":true'*) ;; *) fail "/healthz is not ok" ;; esac

echo "== the image's HEALTHCHECK command, inside the container"
# shellcheck disable=SC2016 # expanded by the container's shell, as HEALTHCHECK does
"$ENGINE" exec "$NAME" sh -c 'curl -fsS "http://127.0.0.1:${SCRUMBOT_LISTEN##*:}/healthz" >/dev/null' \
  || fail "the HEALTHCHECK command fails inside the container"
if [ "${BUILD_OPTS[*]}" = "--format docker" ]; then
  # Podman can run the image's HEALTHCHECK on demand.
  "$ENGINE" healthcheck run "$NAME" || fail "podman healthcheck run: unhealthy"
fi
echo ok

echo "== /metrics"
METRICS="$(curl -fsS "http://127.0.0.1:$ADMIN_PORT/metrics")"
echo "$METRICS" | grep -E '^scrumbot_(http_requests_total|slack_api_calls_total)' | head -n 4
echo "$METRICS" | grep -q '^scrumbot_http_requests_total{route="/healthz",status="200"}' \
  || fail "/metrics does not count the /healthz requests"

echo "== user and data"
UID_IN="$("$ENGINE" exec "$NAME" id -u)"
[ "$UID_IN" != "0" ] || fail "the bot runs as root"
echo "uid $UID_IN"
"$ENGINE" exec "$NAME" ls -l /data/scrumbot.db || fail "no SQLite file on the /data volume"
"$ENGINE" exec "$NAME" sh -c 'test -f /etc/ssl/certs/ca-certificates.crt && test -f /usr/share/zoneinfo/Europe/Berlin' \
  || fail "CA certificates or tzdata missing"
echo "CA certificates and tzdata present"

echo "== stop (SIGTERM)"
"$ENGINE" stop -t 20 "$NAME" >/dev/null
CODE="$("$ENGINE" inspect -f '{{.State.ExitCode}}' "$NAME")"
[ "$CODE" = "0" ] || fail "exit code $CODE after SIGTERM"
echo "exited with 0"
echo "== smoke test passed"
