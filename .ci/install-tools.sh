#!/usr/bin/env bash
# Installs what building Nahbar needs, skipping whatever is already present:
#   the wasm32 target, cargo-leptos (pinned), wasm-bindgen-cli (the exact version in
#   Cargo.lock), wasm-opt (npm binaryen, newer than Debian's, which breaks hydration) and
#   the npm packages of the browser tests. With --browser also Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}\$"; then
  # A debug build of the tool installs in about 5 minutes instead of 14 and produces
  # byte-identical site files in the same build time (it only drives cargo and wasm-bindgen).
  say "installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 6 minutes, once)"
  cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked --debug
fi

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
fi

# A real S3 server for the object-storage tests (it checks signatures and create-only
# writes). 0.14.1: the newest that builds with Rust 1.95.
S3S_FS_VERSION=0.14.1
if ! s3s-fs --version 2>/dev/null | grep -q "${S3S_FS_VERSION}"; then
  say "installing s3s-fs ${S3S_FS_VERSION} (about 4 minutes, once)"
  cargo install s3s-fs --version "${S3S_FS_VERSION}" --features binary --locked
fi

# npm packages: playwright-core, axe-core, vnu-jar and binaryen (wasm-opt) for release builds.
if [ ! -x tests/node_modules/.bin/wasm-opt ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  say "installing npm packages of tests/"
  (cd tests && npm ci --no-audit --no-fund)
fi

# A real SMTP server for the mail tests (tests/smtp/sink.py): aiosmtpd from PyPI.
AIOSMTPD_VERSION=1.4.6
if ! python3 -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '${AIOSMTPD_VERSION}')" 2>/dev/null; then
  say "installing aiosmtpd ${AIOSMTPD_VERSION} (the tests' SMTP server)"
  python3 -m pip install --quiet --disable-pip-version-check "aiosmtpd==${AIOSMTPD_VERSION}"
fi

# An independent JSON Schema validator for the business archive test: jsonschema from PyPI.
if ! python3 -c "import jsonschema" 2>/dev/null; then
  say "installing jsonschema (checks the archive against its schema)"
  python3 -m pip install --quiet --disable-pip-version-check "jsonschema>=4.18,<5"
fi

# With --browser: what the tests drive besides Nahbar. Debian's chromium for the browser
# tests; xmllint (GPX against its XSD) and GDAL's ogrinfo (GPX, KML and GeoJSON opened
# by a real GIS reader) for the export tests; poppler's pdfinfo/pdftotext/pdftoppm and
# zbarimg (the sign PDFs read back, their QR codes decoded) for the sign tests; Java for
# the W3C Nu HTML checker (vnu.jar, from the npm package vnu-jar) in the validator test;
# nginx in front of two Nahbar nodes in the several-nodes test (tests/nodes).
if [ "${1:-}" = "--browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v xmllint >/dev/null || missing+=(libxml2-utils)
  command -v ogrinfo >/dev/null || missing+=(gdal-bin)
  { command -v pdftotext && command -v pdftoppm; } >/dev/null || missing+=(poppler-utils)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v nginx >/dev/null || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian for the tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
    # Debian starts nginx on port 80 when it installs it; the tests run their own.
    pkill -f "nginx: master process /usr/sbin/nginx" 2>/dev/null || true
  fi
fi
