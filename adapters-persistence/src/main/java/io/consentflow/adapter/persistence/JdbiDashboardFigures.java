package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.RefusalReason;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts kept instead of scans, and their fold. The dashboard's counts: {@code contact_counts} and
 * {@code daily_counts} (V13) plus what no fold has moved yet: the changes the triggers appended to
 * {@code count_deltas} (V14, V17) and the consent_history rows above the watermark (V17), so a figure is exact the
 * moment a change commits. A few hundred rows read by primary key and the deltas of the last seconds, whatever the
 * database's size. The same fold keeps groups' counts ({@code group_counts}, V19; read by {@link JdbiGroups}).
 */
final class JdbiDashboardFigures implements DashboardFigures {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiDashboardFigures.class);
    static final String CONTACTS = """
            SELECT consent_status, status, sum(n) AS n FROM (
                SELECT consent_status, status, n FROM contact_counts
                UNION ALL SELECT consent_status, status, n FROM count_deltas WHERE status IS NOT NULL
                UNION ALL SELECT from_consent_status, from_status, -n FROM count_deltas
                          WHERE metric IS NULL AND from_consent_status IS NOT NULL) c
            GROUP BY consent_status, status HAVING sum(n) <> 0""";
    /** A consent_history row as a day's metric (V17: counted from the table itself, not by a trigger). */
    private static final String HISTORY_DAY = "(h.at AT TIME ZONE 'UTC')::date";
    private static final String HISTORY_METRIC =
            "CASE h.to_status WHEN 'opted_in' THEN 'optin:' ELSE 'optout:' END || h.method";
    /**
     * Parameters: first, last twice (counts, deltas), the watermark, first, last (the consent changes not folded yet).
     * The watermark is read first, in the same snapshot, and given as a value: asked in a sub-select, the planner
     * guessed a third of consent_history lay above it and planned a parallel scan (61 ms on a million rows for none).
     */
    private static final String WATERMARK = "SELECT folded_to FROM count_watermarks WHERE name = 'consent_history'";
    static final String DAYS = """
            SELECT day, metric, sum(n) AS n FROM (
                SELECT day, metric, n FROM daily_counts WHERE day BETWEEN ? AND ?
                UNION ALL SELECT day, metric, n FROM count_deltas WHERE metric IS NOT NULL AND day BETWEEN ? AND ?
                UNION ALL SELECT %1$s, %2$s, 1 FROM consent_history h
                          WHERE h.id > ? AND h.to_status IN ('opted_in', 'opted_out') AND %1$s BETWEEN ? AND ?) d
            GROUP BY day, metric ORDER BY day, metric""".formatted(HISTORY_DAY, HISTORY_METRIC);
    /**
     * One fold at a time (a transaction-scoped advisory lock; another instance's fold just skips its turn), so two
     * folds never upsert the same counter rows in different orders.
     */
    private static final String FOLD_LOCK = "SELECT pg_try_advisory_xact_lock(7001234501)";
    /**
     * The deltas: the DELETE takes exactly those committed before it started; those committed later stay for the next
     * fold, and readers count them meanwhile. Contacts' and refusals' deltas go to their counters; memberships added
     * or removed to their group's. The memberships of each phone whose consent or status changed are brought up to
     * its contact (V19), their group counts moved with them. A membership another transaction holds (only a deletion
     * locks one) is not waited for, which could deadlock with it: its phone is left as a delta of its own for the
     * next turn, in case that deletion rolls back. Answers how many deltas it took.
     */
    static final String FOLD_DELTAS = """
            WITH gone AS (DELETE FROM count_deltas
                          RETURNING from_consent_status, from_status, consent_status, status, day, metric, n,
                                    group_id, phone),
            contact_sums AS (
                INSERT INTO contact_counts AS c (consent_status, status, shard, n)
                SELECT consent_status, status, 0, sum(n) FROM (
                    SELECT consent_status, status, n FROM gone WHERE metric IS NULL AND group_id IS NULL AND n <> 0
                    UNION ALL SELECT from_consent_status, from_status, -n FROM gone
                              WHERE metric IS NULL AND group_id IS NULL AND from_consent_status IS NOT NULL) g
                GROUP BY consent_status, status
                ON CONFLICT (consent_status, status, shard) DO UPDATE SET n = c.n + excluded.n),
            day_sums AS (
                INSERT INTO daily_counts AS d (day, metric, shard, n)
                SELECT day, metric, 0, sum(n) FROM gone WHERE metric IS NOT NULL GROUP BY day, metric
                ON CONFLICT (day, metric, shard) DO UPDATE SET n = d.n + excluded.n),
            changed AS (SELECT DISTINCT phone FROM gone WHERE phone IS NOT NULL),
            behind AS MATERIALIZED (
                SELECT m.group_id, m.phone, m.counted_consent AS before, c.consent_status, c.status
                FROM changed t JOIN group_members m ON m.phone = t.phone JOIN contacts c ON c.phone = m.phone
                WHERE m.counted_consent IS DISTINCT FROM c.consent_status OR m.counted_status IS DISTINCT FROM c.status),
            stale AS (
                SELECT b.* FROM behind b JOIN group_members m ON m.group_id = b.group_id AND m.phone = b.phone
                FOR UPDATE OF m SKIP LOCKED),
            synced AS (
                UPDATE group_members m SET counted_consent = s.consent_status, counted_status = s.status
                FROM stale s WHERE m.group_id = s.group_id AND m.phone = s.phone
                RETURNING m.group_id, s.before, s.consent_status AS after),
            group_sums AS (
                INSERT INTO group_counts AS gc (group_id, consent_status, n)
                SELECT d.group_id, d.consent_status, sum(d.n) FROM (
                    SELECT group_id, consent_status, n FROM gone WHERE group_id IS NOT NULL
                    UNION ALL SELECT group_id, after, 1 FROM synced
                    UNION ALL SELECT group_id, before, -1 FROM synced WHERE before IS NOT NULL) d
                JOIN groups g ON g.id = d.group_id
                GROUP BY d.group_id, d.consent_status HAVING sum(d.n) <> 0
                ON CONFLICT (group_id, consent_status) DO UPDATE SET n = gc.n + excluded.n),
            held AS (
                INSERT INTO count_deltas (phone, n)
                SELECT DISTINCT b.phone, 0 FROM behind b
                WHERE NOT EXISTS (SELECT 1 FROM stale s WHERE s.group_id = b.group_id AND s.phone = b.phone))
            SELECT count(*) FROM gone""";
    /**
     * The consent changes up to the id the last fold saw, once no transaction that started before that fold is still
     * running in this database (it might hold a smaller id not visible yet); then the id seen now becomes the next
     * turn's. Readers add every row above {@code folded_to}, so the figures are exact at any moment. (Sessions of
     * another database role may show no start time in pg_stat_activity; consent_history is written by ours.)
     */
    private static final String FOLD_HISTORY = """
            WITH mark AS (
                SELECT w.folded_to, w.pending_to FROM count_watermarks w
                WHERE w.name = 'consent_history'
                  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                  WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                                    AND a.backend_type = 'client backend' AND a.xact_start < w.pending_since)
                FOR UPDATE OF w),
            counted AS (
                INSERT INTO daily_counts AS d (day, metric, shard, n)
                SELECT %1$s, %2$s, 0, count(*) FROM mark m
                JOIN consent_history h ON h.id > m.folded_to AND h.id <= m.pending_to
                WHERE h.to_status IN ('opted_in', 'opted_out')
                GROUP BY 1, 2
                ON CONFLICT (day, metric, shard) DO UPDATE SET n = d.n + excluded.n),
            seen AS MATERIALIZED (SELECT max(id) AS id, clock_timestamp() AS at FROM consent_history)
            UPDATE count_watermarks w
            SET folded_to = m.pending_to, pending_to = greatest(m.pending_to, coalesce(s.id, 0)), pending_since = s.at
            FROM mark m, seen s WHERE w.name = 'consent_history'""".formatted(HISTORY_DAY, HISTORY_METRIC);

    private final Database db;

    JdbiDashboardFigures(Database db) {
        this.db = db;
    }

    @Override
    public List<ContactCount> contacts() {
        return db.withHandle(h -> h.createQuery(CONTACTS)
                .map((rs, ctx) -> new ContactCount(ConsentState.fromWire(rs.getString("consent_status")),
                        ContactStatus.fromWire(rs.getString("status")), rs.getLong("n")))
                .list());
    }

    @Override
    public List<DayCount> days(LocalDate first, LocalDate last) {
        List<DayCount> out = new ArrayList<>();
        for (DayCount c : db.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            long watermark = h.createQuery(WATERMARK).mapTo(Long.class).one();
            return h.createQuery(DAYS).bind(0, first).bind(1, last).bind(2, first).bind(3, last).bind(4, watermark)
                    .bind(5, first).bind(6, last)
                    .map((rs, ctx) -> count(rs.getObject("day", LocalDate.class), rs.getString("metric"), rs.getLong("n")))
                    .list();
        })) {
            if (c != null) out.add(c);
        }
        return out;
    }

    @Override
    public void fold() {
        long folded = db.newTransaction(h -> {
            if (!h.createQuery(FOLD_LOCK).mapTo(Boolean.class).one()) return 0L;
            h.createUpdate(FOLD_HISTORY).execute();
            return h.createQuery(FOLD_DELTAS).mapTo(Long.class).one();
        });
        if (folded > 0) vacuumDeltas();
    }

    /**
     * Every folded delta leaves a dead row, and readers scan the whole of count_deltas: without a vacuum (a server
     * with autovacuum off, or one that has not come round yet) a million changes would leave a million dead rows
     * to scan on every dashboard read. A vacuum of a table the fold just emptied reads a few pages. A database user
     * that may not vacuum (not the table's owner) only gets a warning from PostgreSQL; the figures stay exact.
     */
    private void vacuumDeltas() {
        try {
            db.withHandle(h -> h.execute("VACUUM count_deltas"));
        } catch (RuntimeException e) {
            LOG.debug("count_deltas not vacuumed: {}", e.toString());
        }
    }

    /** A metric as V13's triggers write it; one this version does not know is left out (null). */
    static DayCount count(LocalDate day, String metric, long n) {
        int colon = metric.indexOf(':');
        if (colon < 0) return null;
        String kind = metric.substring(0, colon);
        String what = metric.substring(colon + 1);
        switch (kind) {
            case "optin", "optout" -> {
                ConsentMethod method;
                try {
                    method = ConsentMethod.fromWire(what);
                } catch (IllegalArgumentException unknown) {
                    return null;
                }
                return new ConsentChanges(day, kind.equals("optin") ? ConsentState.OPTED_IN : ConsentState.OPTED_OUT,
                        method, n);
            }
            case "refused" -> {
                return new Refusals(day, RefusalReason.fromCode(what).orElse(null), n);
            }
            default -> {
                return null;
            }
        }
    }
}
