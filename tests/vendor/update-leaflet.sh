#!/bin/sh
# Re-vendor Leaflet from the npm registry into public/vendor/leaflet/.
# Idempotent: run from anywhere; `LEAFLET_VERSION=1.9.4 tests/vendor/update-leaflet.sh`.
set -eu

VERSION="${LEAFLET_VERSION:-1.9.4}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEST="$ROOT/public/vendor/leaflet"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT INT TERM

cd "$TMP"
npm pack --silent "leaflet@$VERSION" >/dev/null
tar -xzf "leaflet-$VERSION.tgz"

rm -rf "$DEST"
mkdir -p "$DEST/images"
cp package/dist/leaflet.js package/dist/leaflet.css package/LICENSE "$DEST/"
cp package/dist/images/marker-icon.png package/dist/images/marker-icon-2x.png \
   package/dist/images/marker-shadow.png package/dist/images/layers.png \
   package/dist/images/layers-2x.png "$DEST/images/"

echo "Leaflet $VERSION copied to $DEST"
