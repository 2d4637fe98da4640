# Shared by scripts/test.sh and scripts/demo.sh: virtualenvs per CKAN version.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The CKAN releases this extension supports; the first is the one the demo runs.
SUPPORTED_CKAN="${SATUDATA_CKAN_VERSIONS:-2.12.0 2.11.6}"
PYTHON="${SATUDATA_PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

venv_dir() { echo "$ROOT/.venv/ckan-$1"; }

# ensure_venv <ckan-version>: a virtualenv with that CKAN, ckanext-scheming,
# the test tools and this extension (editable). Rebuilt only when the
# requirements change; pip's wheel cache makes a rebuild quick.
ensure_venv() {
  local version=$1 dir stamp
  dir="$(venv_dir "$version")"
  stamp="$(cat "$ROOT/setup.cfg" "$ROOT/dev-requirements.txt" | sha1sum | cut -c1-12)-$version"
  if [ -f "$dir/.satudata-stamp" ] && [ "$(cat "$dir/.satudata-stamp")" = "$stamp" ]; then
    return 0
  fi
  log "preparing virtualenv for CKAN $version in $dir"
  # updated in place, never deleted: another checkout's suite may be using it
  [ -x "$dir/bin/python" ] || "$PYTHON" -m venv "$dir"
  "$dir/bin/pip" install -q --upgrade pip setuptools wheel
  "$dir/bin/pip" install -q "ckan[requirements,dev]==$version" -r "$ROOT/dev-requirements.txt" \
    || { log "pip install failed for CKAN $version"; return 1; }
  "$dir/bin/pip" install -q -e "$ROOT"
  echo "$stamp" > "$dir/.satudata-stamp"
}

ckan_schema_xml() {  # the Solr schema shipped inside the installed ckan package
  "$(venv_dir "$1")/bin/python" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config", "solr", "schema.xml"))'
}

# slug: 2.12.0 -> 2_12 (database, Solr core and Redis db are per CKAN series)
series_slug() { echo "$1" | cut -d. -f1,2 | tr . _; }
