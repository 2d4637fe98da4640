#!/usr/bin/env bash
# Runs the whole test suite on every supported CKAN version against the real
# stack (PostgreSQL, Redis, Solr 9), installing and starting whatever is missing.
#
#   bash scripts/test.sh                                  every supported CKAN version
#   SATUDATA_CKAN_VERSIONS=2.12.0 bash scripts/test.sh -k search    one version, extra pytest args
#
# Each CKAN series gets its own database, Solr core (with that release's own
# schema.xml) and Redis database. SATUDATA_TEST_SLOT=N gives a second checkout
# its own set, so two suites can run side by side on one machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
cd "$ROOT"

slot="${SATUDATA_TEST_SLOT:-0}"
bash scripts/stack.sh install
for version in $SUPPORTED_CKAN; do ensure_venv "$version"; done
bash scripts/stack.sh start

# The full run (no pytest arguments) also checks the code with ruff.
if [ "$#" = 0 ]; then
  first_venv="$(venv_dir "${SUPPORTED_CKAN%% *}")"
  log "ruff: lint and format check"
  "$first_venv/bin/ruff" check . && "$first_venv/bin/ruff" format --check . || { log "FAILED: ruff"; exit 1; }
fi

# run_suite <version> <index> [pytest args]: pytest for one CKAN version on its own database,
# Solr core (that release's schema.xml) and Redis database.
run_suite() {
  local version=$1 index=$2 slug name
  shift 2
  slug="$(series_slug "$version")"
  name="ckan_test_${slug}"
  [ "$slot" = 0 ] || name="${name}_s${slot}"
  bash scripts/stack.sh database "$name"
  bash scripts/stack.sh solr-core "$name" "$(ckan_schema_xml "$version")"
  export CKAN_SQLALCHEMY_URL="postgresql://ckan:ckan@127.0.0.1:5432/$name"
  export CKAN_SOLR_URL="http://127.0.0.1:8983/solr/$name"
  export CKAN_REDIS_URL="redis://127.0.0.1:6379/$((slot * 2 + index))"  # slots 0-6 fit in Redis's 16 databases
  # uploads and the webassets cache per run: side-by-side runs must not share them
  export CKAN_STORAGE_PATH="$ROOT/.test-storage/$name"
  mkdir -p "$CKAN_STORAGE_PATH"
  export CKAN_INI="$ROOT/test.ini"
  log "CKAN $version: pytest on database $name, Solr core $name, $CKAN_REDIS_URL"
  "$(venv_dir "$version")/bin/python" -m pytest --ckan-ini=test.ini -p no:cacheprovider "$@"
}

# The versions run side by side (one per core; SATUDATA_SEQUENTIAL=1 for one after the other),
# each writing its own log, shown in order once all have finished.
logs="$(mktemp -d)"
pids=()
index=0
for version in $SUPPORTED_CKAN; do
  index=$((index + 1))
  if [ "${SATUDATA_SEQUENTIAL:-0}" = 1 ]; then
    set +e; run_suite "$version" "$index" "$@" 2>&1 | tee "$logs/$index.log"; echo "${PIPESTATUS[0]}" > "$logs/$index.rc"; set -e
  else
    (set +e; run_suite "$version" "$index" "$@" >"$logs/$index.log" 2>&1; echo $? > "$logs/$index.rc") &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

failed=()
index=0
for version in $SUPPORTED_CKAN; do
  index=$((index + 1))
  [ "${SATUDATA_SEQUENTIAL:-0}" = 1 ] || cat "$logs/$index.log"
  rc="$(cat "$logs/$index.rc" 2>/dev/null || echo 1)"
  # exit code 5 means pytest collected no test: that is a failure too
  if [ "$rc" != 0 ]; then failed+=("CKAN $version (pytest exit $rc)"); fi
done
rm -rf "$logs"

if [ "${#failed[@]}" -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "all tests passed on CKAN $SUPPORTED_CKAN"
