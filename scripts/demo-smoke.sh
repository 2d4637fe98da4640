#!/usr/bin/env bash
# Starts the demo (bash scripts/demo.sh), checks what a visitor and a harvester see, stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"
port="${SATUDATA_DEMO_PORT:-5000}"
bash scripts/demo.sh
trap 'bash scripts/demo.sh stop' EXIT
api="http://127.0.0.1:$port/api/3/action"
curl -sf "$api/status_show" | grep -q '"satudatablitar"' || { log "FAILED: status_show lacks satudatablitar"; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$port/dataset/" || { log "FAILED: /dataset does not render"; exit 1; }
published="$(curl -sf "$api/package_search?rows=100" | python3 -c 'import json,sys; print(" ".join(sorted(r["name"] for r in json.load(sys.stdin)["result"]["results"])))')"
expected="jumlah-penduduk-menurut-kecamatan jumlah-puskesmas-menurut-kecamatan"
[ "$published" = "$expected" ] || { log "FAILED: anonymous search shows [$published], expected [$expected]"; exit 1; }
log "the demo portal serves the API, /dataset and only its published datasets"
