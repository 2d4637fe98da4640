#!/usr/bin/env bash
# The real service stack for tests and the demo: PostgreSQL and Redis from
# Debian packages, Apache Solr 9 from Maven Central, all on 127.0.0.1.
#
#   scripts/stack.sh start    install what is missing, start what is stopped (idempotent)
#   scripts/stack.sh stop     stop Solr and Redis started by this script, stop the PostgreSQL cluster
#   scripts/stack.sh status   one line per service
#
# Ports and names can be overridden with the environment variables below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Service state (Solr cores, logs, pid files) belongs to this checkout, never to a cache that may be
# copied between machines: a copied Solr home brings half-written cores with it.
STATE_DIR="${SATUDATA_STATE_DIR:-$ROOT/.stack}"
LOG_DIR="$STATE_DIR/log"
PG_VERSION="${SATUDATA_PG_VERSION:-15}"
PG_PORT="${SATUDATA_PG_PORT:-5432}"
PG_USER="${SATUDATA_PG_USER:-ckan}"
PG_PASSWORD="${SATUDATA_PG_PASSWORD:-ckan}"
PG_DATABASES="${SATUDATA_PG_DATABASES:-ckan_demo}"
REDIS_PORT="${SATUDATA_REDIS_PORT:-6379}"
SOLR_PORT="${SATUDATA_SOLR_PORT:-8983}"

say() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # wait_for <seconds> <description> <command...>
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 "$((limit * 4))"); do
    if "$@" >/dev/null; then return 0; fi
    sleep 0.25
  done
  die "$what did not come up within ${limit}s (see $LOG_DIR)"
}

apt_install() {  # apt_install <command-to-check> <packages...>
  local probe=$1; shift
  if ! command -v "$probe" >/dev/null 2>&1 && [ ! -x "$probe" ]; then
    say "installing $* (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >"$LOG_DIR/apt.log" 2>&1 || die "apt-get install $* failed: see $LOG_DIR/apt.log"
  fi
}

# ---------------------------------------------------------------- PostgreSQL
pg_bin="/usr/lib/postgresql/$PG_VERSION/bin"
# admin work as the cluster's superuser over the local socket (peer authentication)
pg_psql() { runuser -u postgres -- psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"; }

pg_start() {
  apt_install "$pg_bin/postgres" "postgresql-$PG_VERSION" postgresql-client libpq-dev libmagic1
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -x "$PG_VERSION main" >/dev/null; then
    say "creating PostgreSQL cluster $PG_VERSION/main"
    pg_createcluster "$PG_VERSION" main -p "$PG_PORT" >/dev/null
  fi
  if pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep online >/dev/null; then
    say "PostgreSQL $PG_VERSION already running on port $PG_PORT"
  else
    if port_open "$PG_PORT"; then die "port $PG_PORT is taken by another program; set SATUDATA_PG_PORT"; fi
    # Our settings live in one conf.d file: loopback only; test databases are
    # thrown away, so durability is traded for speed.
    cat > "/etc/postgresql/$PG_VERSION/main/conf.d/satudatablitar.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    pg_ctlcluster "$PG_VERSION" main start || die "PostgreSQL failed to start: see /var/log/postgresql/"
    say "PostgreSQL $PG_VERSION started on 127.0.0.1:$PG_PORT"
  fi
  wait_for 30 PostgreSQL pg_psql -c 'select 1'
  if [ "$(pg_psql -tAc "select 1 from pg_roles where rolname='$PG_USER'")" != 1 ]; then
    pg_psql -c "create role \"$PG_USER\" login password '$PG_PASSWORD'"
  fi
  local db
  for db in $PG_DATABASES; do pg_database "$db"; done
}

pg_database() {  # pg_database <name>: the database exists, owned by the CKAN role
  if [ "$(pg_psql -tAc "select 1 from pg_database where datname='$1'")" != 1 ]; then
    pg_psql -c "create database \"$1\" owner \"$PG_USER\" encoding 'utf-8' template template0"
    say "database $1 created"
  fi
}

pg_stop() {
  if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h 2>/dev/null | grep "^$PG_VERSION *main .* online" >/dev/null; then
    pg_ctlcluster "$PG_VERSION" main stop && say "PostgreSQL stopped"
  fi
}

# --------------------------------------------------------------------- Redis
redis_pidfile="$STATE_DIR/redis/redis.pid"
redis_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
  apt_install redis-server redis-server
  if redis_ping; then say "Redis already running on port $REDIS_PORT"; return; fi
  if port_open "$REDIS_PORT"; then die "port $REDIS_PORT is taken by a program that is not Redis; set SATUDATA_REDIS_PORT"; fi
  mkdir -p "$STATE_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$STATE_DIR/redis" --pidfile "$redis_pidfile" --logfile "$LOG_DIR/redis.log" \
    --save '' --appendonly no
  wait_for 15 Redis redis_ping
  say "Redis started on 127.0.0.1:$REDIS_PORT"
}

redis_stop() {
  if redis_ping; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; say "Redis stopped"; fi
}

# ---------------------------------------------------------------------- Solr
solr_dir="$ROOT/stack/solr"
solr_home="$STATE_DIR/solr"
solr_pidfile="$STATE_DIR/solr.pid"
solr_classpath="$STATE_DIR/solr-classpath.txt"
# (the answer is read whole before grep: `curl | grep -q` fails under pipefail when grep exits early)
solr_up() { [[ "$(curl -sf -m 10 "http://127.0.0.1:$SOLR_PORT/solr/admin/info/system?wt=json")" == *'"solr-spec-version"'* ]]; }
solr_core_ok() { [[ "$(curl -sf -m 10 "http://127.0.0.1:$SOLR_PORT/solr/$1/admin/ping?wt=json")" == *'"status":"OK"'* ]]; }

solr_alive_and_ready() {
  # a launcher that died is reported at once, not after the time-out
  kill -0 "$(cat "$solr_pidfile")" 2>/dev/null || die "Solr exited at start: $(tail -5 "$LOG_DIR/solr.log")"
  solr_up
}

solr_start() {
  command -v java >/dev/null || die "java (17+) is needed for Solr"
  command -v mvn >/dev/null || die "mvn is needed to fetch Solr from Maven Central"
  if solr_up; then say "Solr already running on port $SOLR_PORT"; return; fi
  if port_open "$SOLR_PORT"; then die "port $SOLR_PORT is taken by a program that is not Solr; set SATUDATA_SOLR_PORT"; fi
  # Jars come from Maven Central and stay in ~/.m2: only the first start downloads.
  if [ ! -s "$solr_classpath" ] || [ "$solr_dir/pom.xml" -nt "$solr_classpath" ] \
    || ! ls $(tr ':' ' ' <"$solr_classpath") >/dev/null 2>&1; then
    say "resolving Apache Solr from Maven Central (first start only)"
    mvn -q -B -f "$solr_dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$solr_classpath" \
      >"$LOG_DIR/mvn.log" 2>&1 || die "mvn could not resolve Solr: see $LOG_DIR/mvn.log"
  fi
  mkdir -p "$solr_home/lib"
  cp "$solr_dir/home/solr.xml" "$solr_home/solr.xml"
  nohup java -Xmx1g -Dhost=127.0.0.1 -Djetty.host=127.0.0.1 -Dsolr.log.dir="$LOG_DIR" \
    -cp "$(cat "$solr_classpath")" "$solr_dir/SolrLauncher.java" "$solr_home" "$SOLR_PORT" \
    >"$LOG_DIR/solr.log" 2>&1 &
  echo $! > "$solr_pidfile"
  wait_for 120 Solr solr_alive_and_ready
  say "Solr $(curl -sf -m 10 "http://127.0.0.1:$SOLR_PORT/solr/admin/info/system?wt=json" \
    | grep -o '"solr-spec-version":"[^"]*"' | cut -d'"' -f4) started on 127.0.0.1:$SOLR_PORT"
}

solr_running_home() {  # the solr home of the Solr answering on our port (ours or another checkout's)
  curl -sf -m 10 "http://127.0.0.1:$SOLR_PORT/solr/admin/info/system?wt=json" \
    | grep -o '"solr_home":"[^"]*"' | cut -d'"' -f4 | sed 's:/$::'
}

solr_cores_api() {  # solr_cores_api <query>: Core Admin API, its JSON answer on stdout
  curl -s -m 120 "http://127.0.0.1:$SOLR_PORT/solr/admin/cores?wt=json&$1"
}

solr_core_failed() {  # Solr gave up loading this core (its initFailures name it)
  solr_cores_api "action=STATUS&core=$1" \
    | python3 -c 'import json, sys; sys.exit(sys.argv[1] not in json.load(sys.stdin).get("initFailures", {}))' "$1"
}

solr_core() {  # solr_core <name> <schema.xml>: the core exists, loaded, with exactly this schema
  local core=$1 schema=$2 home conf answer
  [ -f "$schema" ] || die "schema $schema not found"
  solr_up || die "Solr is not running: scripts/stack.sh start"
  home="$(solr_running_home)"
  [ -d "$home" ] || die "Solr on port $SOLR_PORT reports solr home '$home', which is not on this machine"
  conf="$home/$core/conf"
  local changed=0
  mkdir -p "$conf"
  cmp -s "$schema" "$conf/schema.xml" || changed=1
  cp "$schema" "$conf/schema.xml"
  cp "$solr_dir"/conf/* "$conf/"
  if [ -f "$home/$core/core.properties" ] && ! solr_core_ok "$core"; then
    # discovered when Solr started: cores load in the background, so give it time;
    # one that cannot load (a broken index) holds only test or demo data and is recreated
    for _ in $(seq 1 60); do
      solr_core_ok "$core" || solr_core_failed "$core" && break
      sleep 1
    done
    if ! solr_core_ok "$core"; then
      say "Solr core $core does not load; recreating it empty"
      solr_cores_api "action=UNLOAD&core=$core&deleteDataDir=true" >/dev/null || true
      rm -rf "${home:?}/$core/core.properties" "${home:?}/$core/data"
    fi
  fi
  if ! solr_core_ok "$core"; then
    answer="$(solr_cores_api "action=CREATE&name=$core&instanceDir=$core")"
    [[ "$answer" == *'"status":0'* ]] \
      || die "Solr could not create core $core: $(echo "$answer" | grep -o '"msg":"[^"]*"' | head -1) (see $LOG_DIR/solr.log)"
    say "Solr core $core created"
  elif [ $changed = 1 ]; then
    solr_cores_api "action=RELOAD&core=$core" >/dev/null
    say "Solr core $core reloaded with $schema"
  fi
  wait_for 30 "Solr core $core" solr_core_ok "$core"
}

solr_stop() {
  if [ -f "$solr_pidfile" ] && kill -0 "$(cat "$solr_pidfile")" 2>/dev/null; then
    kill "$(cat "$solr_pidfile")"
    for _ in $(seq 1 60); do kill -0 "$(cat "$solr_pidfile")" 2>/dev/null || break; sleep 0.5; done
    rm -f "$solr_pidfile"
    say "Solr stopped"
  fi
}

mkdir -p "$LOG_DIR"
case "${1:-}" in
  install) apt_install "$pg_bin/postgres" "postgresql-$PG_VERSION" postgresql-client libpq-dev libmagic1
           apt_install redis-server redis-server
           apt_install /usr/bin/chromium chromium ;;
  start) pg_start; redis_start; solr_start ;;
  solr-core) solr_core "$2" "$3" ;;
  database) pg_database "$2" ;;
  stop) solr_stop; redis_stop; pg_stop ;;
  start-solr) solr_start ;;
  stop-solr) solr_stop ;;
  start-redis) redis_start ;;
  stop-redis) redis_stop ;;
  status)
    if pg_lsclusters -h 2>/dev/null | grep "^$PG_VERSION *main .* online" >/dev/null; then say "PostgreSQL: running"; else say "PostgreSQL: stopped"; fi
    if redis_ping; then say "Redis: running"; else say "Redis: stopped"; fi
    if solr_up; then say "Solr: running"; else say "Solr: stopped"; fi ;;
  *) echo "usage: $0 install|start|stop|status|solr-core NAME SCHEMA|database NAME|start-solr|stop-solr|start-redis|stop-redis" >&2; exit 2 ;;
esac
