#!/usr/bin/env bash
# Lighthouse 12 (mobile, simulated throttling: its defaults) against the production settings:
# gunicorn on 127.0.0.1 (portal.settings.production, a throwaway SQLite database with the demo
# data, collected and minified static files), on the home page, the registry, an initiative and
# an event. Fails when performance, accessibility, best practices or SEO is below 98 on any of
# them; writes every score to test-artifacts/lighthouse.json.
#
# Map tiles: these machines are offline, and a browser reports every failed tile request in the
# console (Lighthouse's "errors-in-console", best practices), which no page script can silence.
# The run therefore uses the site's no-tile mode (MAP_TILE_URL empty: the map draws markers on a
# plain background) unless LIGHTHOUSE_TILE_URL names a reachable tile server. With a tile server
# that fails, registry/map.js drops the layer after the first error.
#
# Usage: scripts/lighthouse.sh [PORT]   (needs `npm ci`, Chromium at /usr/bin/chromium, .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-${LIGHTHOUSE_PORT:-8798}}
MINIMUM=${LIGHTHOUSE_MINIMUM:-98}
LIGHTHOUSE=node_modules/lighthouse/cli/index.js
test -f "${LIGHTHOUSE}" || { echo "${LIGHTHOUSE} is missing: run npm ci" >&2; exit 1; }
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "${server}" ]; then kill "${server}" 2>/dev/null || true; wait "${server}" 2>/dev/null || true; fi
  rm -rf "${work}"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///${work}/db.sqlite3"
export DJANGO_STATIC_ROOT="${work}/static"
export DJANGO_CACHE_DIR="${work}/cache"
export MEDIA_ROOT="${work}/media"
export MAP_TILE_URL="${LIGHTHOUSE_TILE_URL:-}"
export DJANGO_LOG_LEVEL=WARNING
unset DJANGO_DEBUG REDIS_URL SEARCH_BACKEND_URL DJANGO_CSP_REPORT_ONLY

# The demo data with the development settings (demo accounts need DEBUG), then production.
# One process; the new database starts from the migrated copy in .cache/migrated if there is one.
DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python manage.py load_demo_data --migrate -v 0

export DJANGO_SETTINGS_MODULE=portal.settings.production
export DJANGO_SECRET_KEY="lighthouse-test-only-$(date +%s)-not-secret-0123456789abcdef"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false
.venv/bin/python manage.py collectstatic --no-input -v 0
.venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --log-level warning &
server=$!
for _ in $(seq 1 60); do
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${PORT}/healthz', timeout=2)" 2>/dev/null && break
  kill -0 "${server}" 2>/dev/null || { echo "gunicorn did not start" >&2; exit 1; }
  sleep 0.5
done

# An initiative and an event of the demo data, by their live URLs.
read -r initiative event < <(.venv/bin/python - <<'PY'
import django
django.setup()
from events.models import EventPage
from registry.models import InitiativePage
initiative = InitiativePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
event = EventPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
print(initiative.url, event.url)
PY
)
registry=$(dirname "${initiative}")/
paths=("/" "${registry}" "${initiative}" "${event}")

mkdir -p test-artifacts
for path in "${paths[@]}"; do
  name=$(echo "${path}" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')
  echo "Lighthouse: http://127.0.0.1:${PORT}${path}"
  # Lighthouse itself sometimes fails to record the trace ("NO_NAVSTART"): up to three tries.
  for try in 1 2 3; do
    node "${LIGHTHOUSE}" "http://127.0.0.1:${PORT}${path}" --quiet --output=json \
      --output-path="${work}/lh-${name:-home}.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
      && break
    [ "${try}" -lt 3 ] || { echo "Lighthouse failed three times on ${path}" >&2; exit 1; }
    echo "Lighthouse failed on ${path}; trying again"
  done
  echo "${path}" >"${work}/lh-${name:-home}.path"
done

.venv/bin/python - "${work}" "${MINIMUM}" <<'PY'
import json, sys
from pathlib import Path
work, minimum = Path(sys.argv[1]), int(sys.argv[2])
pages, failed = {}, []
for report in sorted(work.glob("lh-*.json")):
    data = json.loads(report.read_text())
    path = report.with_suffix(".path").read_text().strip()
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    low = {
        key: [a for a in data["audits"].values() if a.get("score") not in (None, 1)
              and a["id"] in {r["id"] for r in data["categories"][key]["auditRefs"] if r["weight"]}]
        for key, score in scores.items() if score < minimum
    }
    pages[path] = scores
    print(f"{path}: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    for key, audits in low.items():
        failed.append(f"{path} {key}")
        for audit in audits:
            print(f"    {key}: {audit['id']} ({audit.get('displayValue', audit['score'])})")
Path("test-artifacts/lighthouse.json").write_text(
    json.dumps({"minimum": minimum, "pages": pages}, indent=2) + "\n"
)
if failed:
    print("Below", minimum, ":", "; ".join(failed))
    sys.exit(1)
PY
