#!/usr/bin/env bash
# The database's ceiling for Consentflow's inbound path: pgbench replays, per message, the statements the service
# sends for one inbound Gupshup message (adapters-persistence, with the same grouping into round trips), in the
# load generator's mix, against a scratch database with the service's schema. Prints tps (= messages/s).
#
#   benchmarks/pgbench/run.sh [-c 10] [-j 2] [-T 60] [--contacts 100000] [--with-outbox] [--db NAME] [--keep]
#
#   --db     an existing database with the service's schema (e.g. the big one of benchmarks/load/bench.sh --big):
#            the pgbench contacts are added to it once (phones 77...), nothing is dropped
#
#   -c       pgbench clients (default 10: the service's default connection pool, CONSENTFLOW_DB_POOL_SIZE)
#   --with-outbox  also the outbox dispatcher: per 100 inbound messages one batch of their 93 replies (the claim,
#            then one UPDATE over arrays, as the service); tps then counts both, messages/s is printed separately
#
# Mix (weights, as LoadGenerator's): 33 new contact ("Hi"), 45 consent reply (thumbs up / "1"), 17 other reply
# ("stop", "hello"), 5 duplicate.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PG="postgresql://postgres@127.0.0.1:5432"
CLIENTS=10
THREADS=2
SECONDS_=60
CONTACTS=100000
OUTBOX=0
KEEP=0
DB=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c) CLIENTS="$2"; shift 2 ;;
    -j) THREADS="$2"; shift 2 ;;
    -T) SECONDS_="$2"; shift 2 ;;
    --contacts) CONTACTS="$2"; shift 2 ;;
    --with-outbox) OUTBOX=1; shift ;;
    --keep) KEEP=1; shift ;;
    --db) DB="$2"; KEEP=1; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cleanup() { [ "$KEEP" = 1 ] || psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true; }
trap cleanup EXIT
if [ -z "$DB" ]; then
  DB="cf_pgbench_$(date +%s)_$$"
  psql "$PG/postgres" -qAtc "CREATE DATABASE $DB" >/dev/null
  # the service's own migrations, in version order
  for f in $(ls "$ROOT"/adapters-persistence/src/main/resources/io/consentflow/db/migration/V*__*.sql | sort -t V -k2 -n); do
    psql "$PG/$DB" -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null
  done
fi
if [ "$(psql "$PG/$DB" -qAtc "SELECT count(*) FROM contacts WHERE phone = '770000000001'")" != 1 ]; then
  psql "$PG/$DB" -q -v ON_ERROR_STOP=1 -v contacts="$CONTACTS" -f "$HERE/setup.sql" >/dev/null
fi
echo "database $DB: service schema, $CONTACTS pgbench contacts" >&2

SCRIPTS=(-f "$HERE/new-contact.sql@33" -f "$HERE/known-consent.sql@45" -f "$HERE/known-reply.sql@17"
         -f "$HERE/duplicate.sql@5")
[ "$OUTBOX" = 1 ] && SCRIPTS+=(-f "$HERE/outbox.sql@1")
OUT=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$SECONDS_" -D contacts="$CONTACTS" -D k=0 \
  "${SCRIPTS[@]}" "$DB" 2>&1) || { echo "$OUT" >&2; exit 1; }
echo "$OUT" | grep -E "^(number of (clients|threads|transactions actually processed|failed)|latency average|tps)|^SQL script [0-9]+:|^ - weight| - [0-9]+ transactions"
TPS=$(echo "$OUT" | awk '/^tps = /{print $3; exit}')
if [ "$OUTBOX" = 1 ]; then
  python3 -c "t=float('$TPS'); print(f'inbound messages/s (with their outbox updates): {t*100/101:.0f}')"
else
  echo "inbound messages/s: ${TPS%.*}"
fi
