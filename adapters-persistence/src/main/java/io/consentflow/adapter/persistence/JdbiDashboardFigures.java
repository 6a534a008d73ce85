package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.RefusalReason;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's counts from {@code contact_counts} and {@code daily_counts} (V13), which triggers keep up to date
 * in each change's transaction: the shards summed, at most a few hundred rows read by primary key.
 */
final class JdbiDashboardFigures implements DashboardFigures {
    private static final String CONTACTS = """
            SELECT consent_status, status, sum(n) AS n FROM contact_counts
            GROUP BY consent_status, status HAVING sum(n) <> 0""";
    private static final String DAYS = """
            SELECT day, metric, sum(n) AS n FROM daily_counts
            WHERE day BETWEEN ? AND ? GROUP BY day, metric ORDER BY day, metric""";

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
        for (DayCount c : db.withHandle(h -> h.createQuery(DAYS).bind(0, first).bind(1, last)
                .map((rs, ctx) -> count(rs.getObject("day", LocalDate.class), rs.getString("metric"), rs.getLong("n")))
                .list())) {
            if (c != null) out.add(c);
        }
        return out;
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
