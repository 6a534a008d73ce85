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
 * The dashboard's counts: {@code contact_counts} and {@code daily_counts} (V13) plus the changes the triggers
 * appended to {@code count_deltas} (V14) and no fold has moved yet, so a figure is exact the moment a change
 * commits. A few hundred rows read by primary key and the deltas of the last seconds, whatever the database's size.
 */
final class JdbiDashboardFigures implements DashboardFigures {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiDashboardFigures.class);
    static final String CONTACTS = """
            SELECT consent_status, status, sum(n) AS n FROM (
                SELECT consent_status, status, n FROM contact_counts
                UNION ALL SELECT consent_status, status, n FROM count_deltas WHERE metric IS NULL) c
            GROUP BY consent_status, status HAVING sum(n) <> 0""";
    static final String DAYS = """
            SELECT day, metric, sum(n) AS n FROM (
                SELECT day, metric, n FROM daily_counts WHERE day BETWEEN ? AND ?
                UNION ALL SELECT day, metric, n FROM count_deltas WHERE metric IS NOT NULL AND day BETWEEN ? AND ?) d
            GROUP BY day, metric ORDER BY day, metric""";
    /**
     * One fold at a time (a transaction-scoped advisory lock; another instance's fold just skips its turn), so two
     * folds never upsert the same counter rows in different orders. The DELETE takes exactly the deltas committed
     * before it started; those committed later stay for the next fold, and readers count them meanwhile.
     */
    private static final String FOLD_LOCK = "SELECT pg_try_advisory_xact_lock(7001234501)";
    private static final String FOLD = """
            WITH gone AS (DELETE FROM count_deltas RETURNING consent_status, status, day, metric, n),
            contacts AS (
                INSERT INTO contact_counts AS c (consent_status, status, shard, n)
                SELECT consent_status, status, 0, sum(n) FROM gone WHERE metric IS NULL
                GROUP BY consent_status, status
                ON CONFLICT (consent_status, status, shard) DO UPDATE SET n = c.n + excluded.n)
            INSERT INTO daily_counts AS d (day, metric, shard, n)
            SELECT day, metric, 0, sum(n) FROM gone WHERE metric IS NOT NULL GROUP BY day, metric
            ON CONFLICT (day, metric, shard) DO UPDATE SET n = d.n + excluded.n""";

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
        for (DayCount c : db.withHandle(h -> h.createQuery(DAYS).bind(0, first).bind(1, last).bind(2, first).bind(3, last)
                .map((rs, ctx) -> count(rs.getObject("day", LocalDate.class), rs.getString("metric"), rs.getLong("n")))
                .list())) {
            if (c != null) out.add(c);
        }
        return out;
    }

    @Override
    public void fold() {
        int folded = db.newTransaction(h -> h.createQuery(FOLD_LOCK).mapTo(Boolean.class).one()
                ? h.createUpdate(FOLD).execute() : 0);
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
