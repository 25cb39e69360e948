#!/usr/bin/env bash
# Copy the front-end libraries pinned in package.json from node_modules into static/vendor/,
# where Django serves them (no CDN). Run after changing a version in package.json:
#   npm install && ./scripts/vendor-static.sh && git add static/vendor package-lock.json
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/leaflet ] || npm ci --no-audit --no-fund
rm -rf static/vendor/leaflet static/vendor/leaflet.markercluster
mkdir -p static/vendor/leaflet static/vendor/leaflet.markercluster
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css static/vendor/leaflet/
cp -r node_modules/leaflet/dist/images static/vendor/leaflet/
cp node_modules/leaflet/LICENSE static/vendor/leaflet/
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt static/vendor/leaflet.markercluster/
echo "Vendored: leaflet $(node -p "require('./node_modules/leaflet/package.json').version"), leaflet.markercluster $(node -p "require('./node_modules/leaflet.markercluster/package.json').version")"
