#!/usr/bin/env bash
# Starts a demo Satu Data portal: CKAN + ckanext-scheming + this extension on
# http://127.0.0.1:5000, served by gunicorn with several worker processes, an
# RQ worker for background jobs, and seeded demo data. Installs whatever is
# missing (virtualenv, Python packages, PostgreSQL, Redis, Solr).
#
#   bash scripts/demo.sh          start (idempotent: a second run re-seeds safely and keeps it running)
#   bash scripts/demo.sh stop     stop the portal and its job worker (the services keep running;
#                                 scripts/stack.sh stop stops them)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"

VERSION="${SATUDATA_DEMO_CKAN:-${SUPPORTED_CKAN%% *}}"
PORT="${SATUDATA_DEMO_PORT:-5000}"
WEB_WORKERS="${SATUDATA_DEMO_WEB_WORKERS:-3}"
DEMO_DIR="$ROOT/.demo"
INI="$DEMO_DIR/ckan.ini"
VENV="$(venv_dir "$VERSION")"
CKAN="$VENV/bin/ckan"
export CKAN_INI="$INI"

running() { [ -f "$DEMO_DIR/$1.pid" ] && kill -0 "$(cat "$DEMO_DIR/$1.pid")" 2>/dev/null; }

stop_process() {
  if running "$1"; then
    kill "$(cat "$DEMO_DIR/$1.pid")"
    for _ in $(seq 1 40); do running "$1" || break; sleep 0.25; done
    log "$1 stopped"
  fi
  rm -f "$DEMO_DIR/$1.pid"
}

if [ "${1:-}" = stop ]; then
  stop_process web
  stop_process worker
  exit 0
fi

bash scripts/stack.sh install
ensure_venv "$VERSION"
bash scripts/stack.sh start
bash scripts/stack.sh database ckan_demo
bash scripts/stack.sh solr-core ckan "$(ckan_schema_xml "$VERSION")"

mkdir -p "$DEMO_DIR/storage" "$DEMO_DIR/log"
if [ ! -f "$INI" ]; then
  log "writing $INI"
  "$CKAN" generate config "$INI" >/dev/null
  "$CKAN" config-tool "$INI" \
    "sqlalchemy.url = postgresql://ckan:ckan@127.0.0.1:5432/ckan_demo" \
    "solr_url = http://127.0.0.1:8983/solr/ckan" \
    "ckan.redis.url = redis://127.0.0.1:6379/0" \
    "ckan.site_url = http://127.0.0.1:$PORT" \
    "ckan.site_id = satudata_demo" \
    "ckan.site_title = Satu Data Kota Blitar (demo)" \
    "ckan.storage_path = $DEMO_DIR/storage" \
    "ckan.plugins = activity scheming_datasets satudatablitar" \
    "scheming.dataset_schemas = ckanext.satudatablitar.schemas:dataset.yaml" \
    "scheming.presets = ckanext.scheming:presets.json ckanext.satudatablitar.schemas:presets.yaml" \
    "ckan.locale_default = id" \
    "ckan.locales_offered = id en" \
    "ckan.locale_order = id en" \
    "ckanext.satudatablitar.walidata_organization = diskominfotik" \
    "ckanext.satudatablitar.pembina_organization = bps-kota-blitar" \
    "ckan.views.default_views = " \
    "ckan.display_timezone = Asia/Jakarta" \
    "ckanext.satudatablitar.region_code = 35.72" \
    "ckanext.satudatablitar.holidays = 2026-01-01 2026-05-01 2026-06-01 2026-08-17 2026-12-25"
  "$CKAN" config-tool "$INI" -s logger_root "level = WARNING"
  "$CKAN" config-tool "$INI" -s logger_ckan "level = INFO"
  "$CKAN" config-tool "$INI" -s logger_ckanext "level = INFO"
fi

log "migrating the database"
"$CKAN" db init >"$DEMO_DIR/log/db.log" 2>&1
"$CKAN" db upgrade -p activity >>"$DEMO_DIR/log/db.log" 2>&1
"$CKAN" db upgrade -p satudatablitar >>"$DEMO_DIR/log/db.log" 2>&1
# the index follows the database: orphans (e.g. of a database dropped since) are cleared
"$CKAN" search-index rebuild -q >>"$DEMO_DIR/log/db.log" 2>&1

if ! running worker; then
  nohup "$CKAN" jobs worker >"$DEMO_DIR/log/worker.log" 2>&1 &
  echo $! > "$DEMO_DIR/worker.pid"
  log "job worker started (log: $DEMO_DIR/log/worker.log)"
fi

log "seeding demo data (the job worker validates the tabulations)"
"$VENV/bin/python" scripts/demo_seed.py "$INI" demo/portal.yaml | tee "$DEMO_DIR/seed.txt"

if running web; then
  log "portal already running"
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    log "ERROR: port $PORT is taken by another program; set SATUDATA_DEMO_PORT"; exit 1
  fi
  nohup "$VENV/bin/gunicorn" --chdir "$ROOT" --workers "$WEB_WORKERS" --bind "127.0.0.1:$PORT" \
    --timeout 120 --access-logfile "$DEMO_DIR/log/access.log" deploy.wsgi:application \
    >"$DEMO_DIR/log/web.log" 2>&1 &
  echo $! > "$DEMO_DIR/web.pid"
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/api/3/action/status_show" >/dev/null && break
    running web || { log "ERROR: the portal did not start: see $DEMO_DIR/log/web.log"; tail -20 "$DEMO_DIR/log/web.log"; exit 1; }
    sleep 0.5
  done
fi
curl -sf "http://127.0.0.1:$PORT/api/3/action/status_show" >/dev/null || { log "ERROR: portal not answering"; exit 1; }
log "Satu Data demo portal (CKAN $VERSION, $WEB_WORKERS gunicorn workers) at http://127.0.0.1:$PORT"
log "logins are in $DEMO_DIR/seed.txt; logs in $DEMO_DIR/log/; stop with: bash scripts/demo.sh stop"
