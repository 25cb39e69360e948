#!/usr/bin/env bash
# MDN HTTP Observatory against the production settings: serves the site with gunicorn on
# 127.0.0.1 (portal.settings.production, a throwaway SQLite database and STATIC_ROOT, a test
# secret key), scans http://127.0.0.1:PORT/ with @mdn/mdn-http-observatory (package.json) and
# fails below a score of 90 (grade A).
#
# Plain HTTP on loopback has no TLS, so two of the scanner's tests can only fail here and are
# left out of the score: "redirection" (HTTP to HTTPS: done by SECURE_SSL_REDIRECT, switched
# off here, and by the proxy) and "strict-transport-security" (Django sends HSTS over HTTPS
# only; tests/security/test_headers.py checks it on HTTPS responses). The CLI cannot skip
# tests, so this script takes its JSON and computes the score again the scanner's way
# (src/scanner/index.js: 100 plus every test's modifier, bonuses only once the penalties
# alone leave 90 or more) without those two. Every test and the result are printed.
#
# Usage: scripts/observatory.sh [PORT]   SCAN_PATHS="/ /tags/" to scan other pages;   (needs `npm ci` and the Python environment in .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-${OBSERVATORY_PORT:-8799}}
MINIMUM=90
SCANNER=node_modules/@mdn/mdn-http-observatory
test -d "${SCANNER}" || { echo "${SCANNER} is missing: run npm ci" >&2; exit 1; }
# The scanner's install script downloads the HSTS preload list (skipped by
# --ignore-scripts); a loopback address is in no such list.
test -f "${SCANNER}/conf/hsts-preload.json" || echo '{}' >"${SCANNER}/conf/hsts-preload.json"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "${server}" ]; then kill "${server}" 2>/dev/null || true; wait "${server}" 2>/dev/null || true; fi
  rm -rf "${work}"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.production
export DJANGO_SECRET_KEY="observatory-test-only-$(date +%s)-not-secret"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false
export DATABASE_URL="sqlite:///${work}/db.sqlite3"
export DJANGO_STATIC_ROOT="${work}/static"
export DJANGO_CACHE_DIR="${work}/cache"
export MEDIA_ROOT="${work}/media"
export DJANGO_LOG_LEVEL=WARNING
unset DJANGO_DEBUG REDIS_URL SEARCH_BACKEND_URL DJANGO_CSP_REPORT_ONLY

.venv/bin/python manage.py collectstatic --no-input -v 0
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:${PORT}" --workers 1 --log-level warning &
server=$!
for _ in $(seq 1 60); do
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${PORT}/healthz', timeout=2)" 2>/dev/null && break
  kill -0 "${server}" 2>/dev/null || { echo "gunicorn did not start" >&2; exit 1; }
  sleep 0.5
done

# The home page, and the login page for the cookies test (it sets the CSRF cookie). The CLI
# takes a host name only; a path after it ends up in the URL it requests.
status=0
for path in ${SCAN_PATHS:-/ /accounts/login/}; do
  echo "Observatory scan of http://127.0.0.1:${PORT}${path}"
  node "${SCANNER}/src/scan.js" "127.0.0.1:${PORT}${path}" >"${work}/scan.json"
  .venv/bin/python scripts/observatory_score.py "${work}/scan.json" "${MINIMUM}" || status=1
done
exit "${status}"
