#!/usr/bin/env bash
# What `make bench` compares Nahbar with, installed from apt only when missing: nginx (with
# its brotli module, to serve the same precompressed bytes) and wrk (the load generator).
set -euo pipefail
missing=()
command -v nginx >/dev/null || missing+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]} from Debian for the benchmark"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The Debian package starts a server on port 80; the benchmark runs its own.
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl stop nginx || true
fi
pkill -f "nginx: master process /usr/sbin/nginx" 2>/dev/null || true
