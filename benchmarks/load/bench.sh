#!/usr/bin/env bash
# One measured run on this machine: a fresh database on the local PostgreSQL, the service jar started on it with
# -Xmx256m, optionally the 1M-contact / 10M-message history loaded, the load generator (told the service's pid, so
# it reports CPU per message: service, PostgreSQL backends, generator, anything else running on the machine), then
# everything stopped and the database dropped.
#
#   benchmarks/load/bench.sh [--big] [--db NAME] [--keep] [--jar PATH] [--java-opts "..."] -- <load options>
#   benchmarks/load/bench.sh -- --max 64 --duration 60s --warmup 20s
#   benchmarks/load/bench.sh -- --rate 500 --duration 60s --warmup 20s
#   benchmarks/load/bench.sh --big -- --max 64 --duration 60s --warmup 20s
#
#   --import  instead of the load: time POST /api/v1/contacts/import of a generated CSV (ImportBenchmark;
#             its options after --, e.g. -- --rows 100000)
#   --console instead of the load: fetch every console page N times, p50/p95/max per page (ConsolePagesBenchmark;
#             its options after --, e.g. -- --rounds 50); on the big database:
#               benchmarks/load/bench.sh --db cf_big --big --console -- --rounds 50
#   --explain with --console: the service's connections log every statement's EXPLAIN (ANALYZE, BUFFERS)
#             (auto_explain, for this service only), each page fetched once, then the plans are read back from
#             the server log (PG_LOG, default /var/log/postgresql/postgresql-15-main.log): per page its statements,
#             and every Seq Scan on contacts or messages (exit 1 if there is one):
#               benchmarks/load/bench.sh --db cf_big --console --explain
#   --broadcast  instead of the load: a template broadcast to the group "everyone" (every bulk contact of --big,
#             1,000,000, 70% opted in; added if the database was loaded before it existed): the create call's
#             latency, the time to fix the recipients, the send rate with the log provider, GET latency
#             benchmarks/load/bench.sh --db cf_big --big --broadcast
#   --behind-broadcast  the load (e.g. -- --rate 200) while a template broadcast to the group "everyone" sends
#             (added as --broadcast adds it); with CONSENTFLOW_SEND_RATE=1000 the broadcast goes at 1,000/s and the
#             inbound latency shows whether replies wait behind it; prints the broadcast's progress at the end:
#               CONSENTFLOW_SEND_RATE=1000 benchmarks/load/bench.sh --db cf_big --behind-broadcast -- --rate 200 --duration 60s --warmup 10s
#   --big   load 1,000,000 contacts and 10,000,000 messages (LoadGenerator --load-data) before the run
#   --db    use this database: created (and kept) if missing, reused as it is if it exists, never dropped; so a
#           big database is loaded once and measured several times:
#             benchmarks/load/bench.sh --db cf_big --big -- --max 64 --duration 60s --warmup 20s
#             benchmarks/load/bench.sh --db cf_big -- --rate 500 --duration 60s --warmup 20s
#
# Needs: bootstrap/target/consentflow.jar and benchmarks/target/benchmarks.jar built, psql, PostgreSQL on
# 127.0.0.1:5432 (user postgres, trust). Environment: PGHOST/PGPORT/PGUSER are not read; edit PG below if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PG="postgresql://postgres@127.0.0.1:5432"
JAR="$ROOT/bootstrap/target/consentflow.jar"
GEN="$ROOT/benchmarks/target/benchmarks.jar"
BIG=0
BEHIND=0
MAIN=LoadGenerator
KEEP=0
DB=""
JAVA_OPTS=""
EXPLAIN=0
PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1; shift ;;
    --import) MAIN=ImportBenchmark; shift ;;
    --console) MAIN=ConsolePagesBenchmark; shift ;;
    --explain) EXPLAIN=1; shift ;;
    --broadcast) MAIN=broadcast; shift ;;
    --behind-broadcast) BEHIND=1; shift ;;
    --keep) KEEP=1; shift ;;
    --db) DB="$2"; KEEP=1; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$EXPLAIN" = 1 ]; then
  [ "$MAIN" = ConsolePagesBenchmark ] || { echo "--explain goes with --console" >&2; exit 2; }
  [ -r "$PG_LOG" ] || { echo "cannot read the server log $PG_LOG (set PG_LOG)" >&2; exit 2; }
fi
[ -f "$JAR" ] || { echo "no $JAR: mvn -B -q install -DskipTests" >&2; exit 2; }
[ -f "$GEN" ] || { echo "no $GEN: mvn -B -q -f benchmarks/pom.xml package" >&2; exit 2; }

CREATE=1
if [ -z "$DB" ]; then
  DB="cf_bench_$(date +%s)_$$"
elif [ "$(psql "$PG/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ]; then
  CREATE=0
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK="$(mktemp -d /tmp/cf-bench.XXXXXX)"
SVC_PID=""
cleanup() {
  if [ -n "$SVC_PID" ] && kill -0 "$SVC_PID" 2>/dev/null; then
    kill "$SVC_PID"; for _ in $(seq 1 40); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ "$KEEP" = 0 ]; then psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true; fi
}
trap cleanup EXIT

[ "$CREATE" = 1 ] && psql "$PG/postgres" -qAtc "CREATE DATABASE $DB" >/dev/null
[ -n "${BENCH_DB_SETTINGS:-}" ] && psql "$PG/postgres" -qAtc "ALTER DATABASE $DB SET $BENCH_DB_SETTINGS" >/dev/null
echo "database $DB, service port $PORT, log $WORK/service.log" >&2
SVC_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
if [ "$EXPLAIN" = 1 ]; then
  # startup options of the service's own connections: nobody else's session on the database is slowed or logged
  SVC_URL="$SVC_URL?options=-c%20session_preload_libraries%3Dauto_explain%20-c%20auto_explain.log_min_duration%3D0%20-c%20auto_explain.log_analyze%3Don%20-c%20auto_explain.log_buffers%3Don"
  LOG_FROM=$(stat -c %s "$PG_LOG")
fi
# shellcheck disable=SC2086
CONSENTFLOW_DB_URL="$SVC_URL" CONSENTFLOW_DB_USER=postgres CONSENTFLOW_PORT="$PORT" \
  java -Xmx256m $JAVA_OPTS -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!
for _ in $(seq 1 120); do
  kill -0 "$SVC_PID" 2>/dev/null || { echo "service exited, see $WORK/service.log" >&2; exit 1; }
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "service not healthy" >&2; exit 1; }

JDBC="jdbc:postgresql://127.0.0.1:5432/$DB"
if [ "$BIG" = 1 ]; then
  if [ "$(psql "$PG/$DB" -qAtc "SELECT count(*) FROM contacts WHERE phone = '880000000001'")" = 1 ]; then
    echo "the 1M/10M history is already in $DB" >&2
  else
    java -cp "$GEN" io.consentflow.benchmarks.load.LoadGenerator --jdbc "$JDBC" --load-data
  fi
fi

EXTRA=()
[ "$EXPLAIN" = 1 ] && EXTRA=(--markers --rounds 1)
if [ "$MAIN" = broadcast ] || [ "$BEHIND" = 1 ]; then
  # the same SQL as DataLoader.EVERYONE, for a database loaded before the group existed
  if [ -z "$(psql "$PG/$DB" -qAtc "SELECT id FROM groups WHERE lower(name) = 'everyone'")" ]; then
    psql "$PG/$DB" -qAtc "WITH g AS (INSERT INTO groups (name) VALUES ('everyone') RETURNING id) INSERT INTO group_members (group_id, phone, counted_consent, counted_status) SELECT g.id, c.phone, c.consent_status, c.status FROM g, contacts c WHERE c.phone LIKE '880%'" >/dev/null
    psql "$PG/$DB" -qAtc "VACUUM ANALYZE group_members" >/dev/null
  fi
  GROUP=$(psql "$PG/$DB" -qAtc "SELECT id FROM groups WHERE lower(name) = 'everyone'")
fi
BROADCAST=""
if [ "$BEHIND" = 1 ]; then
  curl -s -o /dev/null -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$PORT/api/v1/templates" \
    -d '{"name":"bench_notice","language":"en","category":"utility","body":"Hello {{1}}, the clinic opens on {{2}}"}'
  BROADCAST=$(curl -sf -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$PORT/api/v1/broadcasts" \
    -d "{\"name\":\"behind\",\"template\":{\"name\":\"bench_notice\",\"params\":[\"friend\",\"Monday\"]},\"to\":{\"group\":$GROUP}}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  echo "broadcast $BROADCAST to group $GROUP sends behind the load (CONSENTFLOW_SEND_RATE=${CONSENTFLOW_SEND_RATE:-80})" >&2
fi
if [ "$MAIN" = broadcast ]; then
  python3 "$ROOT/benchmarks/load/broadcast.py" "http://127.0.0.1:$PORT" "$GROUP" "$SVC_PID" "$@" && rc=0 || rc=$?
  echo "service log: $(grep -c '"level":"ERROR"' "$WORK/service.log" || true) ERROR lines" >&2
  exit $rc
fi

java -cp "$GEN" "io.consentflow.benchmarks.load.$MAIN" --url "http://127.0.0.1:$PORT" --jdbc "$JDBC" \
  --service-pid "$SVC_PID" "${EXTRA[@]}" "$@" && rc=0 || rc=$?
if [ "$EXPLAIN" = 1 ] && [ "$rc" = 0 ]; then
  sleep 1
  tail -c +$((LOG_FROM + 1)) "$PG_LOG" > "$WORK/plans.log"
  python3 "$ROOT/benchmarks/load/console-plans.py" "$WORK/plans.log" && rc=0 || rc=$?
  echo "every plan: $WORK/plans.log" >&2
fi
if [ -n "$BROADCAST" ]; then
  echo "the broadcast when the load ended: $(curl -sf "http://127.0.0.1:$PORT/api/v1/broadcasts/$BROADCAST")" >&2
fi
echo "service log: $(grep -c '"level":"ERROR"' "$WORK/service.log" || true) ERROR lines" >&2
exit $rc
