#!/bin/sh
# Renders every message and view the bot sends (from the sample day of
# src/preview/samples.rs) and turns the pages into the PNGs of the README,
# with headless Chromium (Debian: apt-get install chromium fonts-noto-color-emoji).
# Only this script needs Chromium; building and testing do not.
#
#   tools/screenshots.sh [OUT_DIR]     (default: docs/screenshots)
set -eu
out="${1:-docs/screenshots}"
pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }

cargo run --quiet -- preview --out "$pages"
mkdir -p "$out"
for page in "$pages"/*.html; do
  name="$(basename "$page" .html)"
  # The page writes its own height into the DOM (see src/preview/html.rs);
  # the screenshot window is then cut to it.
  height="$("$browser" --headless --no-sandbox --disable-gpu --window-size=640,800 \
    --dump-dom "file://$page" 2>/dev/null | sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' | head -n 1)"
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=2 --window-size="640,${height:-900}" \
    --screenshot="$out/$name.png" "file://$page" >/dev/null 2>&1
  echo "$out/$name.png"
done
