#!/usr/bin/env bash
# Runs one benchmark (or all) on the real stack, in a fresh database and Solr core of its own.
#
#   bash benchmarks/run.sh reports          benchmarks/bench_reports.py
#   bash benchmarks/run.sh                  every benchmarks/bench_*.py
#
# Uses the newest supported CKAN (SATUDATA_CKAN_VERSIONS to choose). Results are printed;
# benchmarks/RESULTS.md records them with the command and the machine. SATUDATA_BENCH_NAME gives
# a run its own database and Solr core, so that two benchmarks can run at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/_lib.sh"
cd "$ROOT"

version="${SUPPORTED_CKAN%% *}"
bash scripts/stack.sh install >/dev/null
ensure_venv "$version"
bash scripts/stack.sh start >/dev/null
name="${SATUDATA_BENCH_NAME:-ckan_bench_$(series_slug "$version")}"
runuser -u postgres -- psql -q -c "drop database if exists \"$name\" with (force)" >/dev/null
bash scripts/stack.sh database "$name" >/dev/null
bash scripts/stack.sh solr-core "$name" "$(ckan_schema_xml "$version")" >/dev/null
export CKAN_SQLALCHEMY_URL="postgresql://ckan:ckan@127.0.0.1:5432/$name"
export CKAN_SOLR_URL="http://127.0.0.1:8983/solr/$name"
export CKAN_REDIS_URL="redis://127.0.0.1:6379/15"
export CKAN_INI="$ROOT/test.ini"
ckan="$(venv_dir "$version")/bin/ckan"
"$ckan" -c "$CKAN_INI" db init >/dev/null 2>&1
for plugin in activity satudatablitar; do "$ckan" -c "$CKAN_INI" db upgrade -p "$plugin" >/dev/null 2>&1; done
curl -sf "$CKAN_SOLR_URL/update?commit=true" -H 'Content-Type: text/xml' --data-binary '<delete><query>*:*</query></delete>' >/dev/null

if [ "$#" -gt 0 ]; then benches=("benchmarks/bench_$1.py"); else benches=(benchmarks/bench_*.py); fi
for bench in "${benches[@]}"; do
  log "$bench on CKAN $version ($(nproc) cores)"
  "$(venv_dir "$version")/bin/python" -u "$bench"
done
