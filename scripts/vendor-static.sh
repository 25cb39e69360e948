#!/usr/bin/env bash
# Copy the front-end libraries pinned in package.json from node_modules into static/vendor/,
# where Django serves them (no CDN). Run after changing a version in package.json:
#   npm install && ./scripts/vendor-static.sh && git add static/vendor package-lock.json
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/world-atlas ] || npm ci --no-audit --no-fund
rm -rf static/vendor/leaflet static/vendor/leaflet.markercluster static/vendor/world-atlas
mkdir -p static/vendor/leaflet static/vendor/leaflet.markercluster static/vendor/world-atlas
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css static/vendor/leaflet/
cp -r node_modules/leaflet/dist/images static/vendor/leaflet/
cp node_modules/leaflet/LICENSE static/vendor/leaflet/
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt static/vendor/leaflet.markercluster/
# Country boundaries (Natural Earth 1:110m, TopoJSON) for the observatory's choropleth, which
# observatory/geo.py turns into SVG paths on first use.
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE static/vendor/world-atlas/
echo "Vendored: leaflet $(node -p "require('./node_modules/leaflet/package.json').version"), leaflet.markercluster $(node -p "require('./node_modules/leaflet.markercluster/package.json').version"), world-atlas $(node -p "require('./node_modules/world-atlas/package.json').version")"
