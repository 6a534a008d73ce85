#!/usr/bin/env bash
# The per-message SQL of a template broadcast without the service, on a database the broadcast benchmark loaded
# (bench.sh --db cf_big --big --broadcast): a broadcast to the group "everyone" whose recipients are fixed by the
# same INSERT ... SELECT as the service's (timed), then pgbench running the claim (broadcast.sql, 500 recipients)
# and the calls' round trips (broadcast-window.sql, 8 outcomes + 8 marks each) in the service's proportion, 1 to
# 62. Prints the fix time and the messages per second the database sustains (window transactions x 8). The
# broadcast is cancelled at the end.
#
#   benchmarks/pgbench/broadcast.sh [--db cf_big] [-c 2] [-T 30]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PG="postgresql://postgres@127.0.0.1:5432"
DB=cf_big
CLIENTS=2
SECONDS_=30
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    -c) CLIENTS="$2"; shift 2 ;;
    -T) SECONDS_="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
BID=$(python3 -c 'import uuid; print(uuid.uuid4())')
GROUP=$(psql "$PG/$DB" -qAtc "SELECT id FROM groups WHERE lower(name) = 'everyone'")
[ -n "$GROUP" ] || { echo "no group 'everyone' in $DB: run bench.sh --db $DB --broadcast first" >&2; exit 2; }
psql "$PG/$DB" -qAtc "INSERT INTO broadcasts (id, name, template_name, template_params, group_id, start_at, status,
  created_at) VALUES ('$BID', 'pgbench', 'bench_notice', '{friend,Monday}', $GROUP, now(), 'scheduled', now())" >/dev/null
T0=$(date +%s.%N)
psql "$PG/$DB" -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
BEGIN;
SELECT id FROM broadcasts WHERE id = '$BID' AND status = 'scheduled' FOR UPDATE SKIP LOCKED;
INSERT INTO broadcast_recipients (broadcast_id, phone) SELECT '$BID', phone FROM group_members WHERE group_id = $GROUP;
UPDATE broadcasts SET status = 'running', recipients = (SELECT count(*) FROM broadcast_recipients
  WHERE broadcast_id = '$BID'), started_at = now() WHERE id = '$BID';
COMMIT;
SQL
T1=$(date +%s.%N)
echo "recipients fixed: $(psql "$PG/$DB" -qAtc "SELECT recipients FROM broadcasts WHERE id = '$BID'") in $(python3 -c "print(round($T1 - $T0, 1))") s"
pgbench "$PG/$DB" -n -M extended -c "$CLIENTS" -j "$CLIENTS" -T "$SECONDS_" -D bid="$BID" \
  -f "$HERE/broadcast.sql@1" -f "$HERE/broadcast-window.sql@62" -P 10 --report-per-command 2>&1 | tee /tmp/pgbench-broadcast.out \
  | grep -E "tps|SQL script|weight|latency average|number of transactions actually"
python3 - <<PY
import re
text = open('/tmp/pgbench-broadcast.out').read()
seconds = float(re.search(r'duration: (\d+) s', text).group(1))
scripts = re.findall(r'SQL script \d+: (\S+)\n - weight: \d+ \([^)]*\)\n - (\d+) transactions', text)
window = [int(n) for name, n in scripts if name.endswith('broadcast-window.sql')][0]
print(f"messages/s the database sustains: {window * 8 / seconds:.0f} (window transactions x 8 / {seconds:.0f} s)")
PY
psql "$PG/$DB" -qAtc "UPDATE broadcasts SET status = 'cancelled', ended_at = now() WHERE id = '$BID'" >/dev/null
