package io.consentflow.benchmarks.load;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * After a run, through the service's own database: every original message answered 200 is stored exactly once as
 * an inbound message (a failed one at most once); every contact whose messages were all answered as expected has
 * the consent, status, number of inbound and outbound messages and consent-history rows its script implies
 * ({@link Script}); none of its outbound messages was refused; nothing else wrote to its number.
 */
final class DbCheck {
    private DbCheck() {
    }

    static Connection connect(Options o) throws SQLException {
        return DriverManager.getConnection(o.jdbc, o.dbUser, o.dbPassword);
    }

    /** Runs reuse no phone numbers: a leftover contact with this run's prefix would spoil the counts. */
    static void requireFreshPrefix(Options o, String prefix) throws SQLException {
        try (Connection c = connect(o); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM contacts WHERE phone LIKE '" + prefix + "%'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException("contacts with prefix " + prefix + " already exist: pick another --tag");
            }
        }
    }

    static boolean verify(Options o, Recorder rec, String prefix) throws SQLException, java.io.IOException {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        int checkedContacts = 0;
        long heldBack = 0;
        int skipped = 0;
        try (Connection c = connect(o)) {
            c.setAutoCommit(false);
            CopyManager copy = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE lg_ids (provider_id text PRIMARY KEY, committed boolean NOT NULL) "
                        + "ON COMMIT DROP");
                s.execute("CREATE TEMP TABLE lg_expect (phone text PRIMARY KEY, inbound int, outbound int, "
                        + "consent text, status text, history int) ON COMMIT DROP");
            }
            StringBuilder ids = new StringBuilder();
            rec.committedIds.forEach(id -> ids.append(id).append("\tt\n"));
            rec.uncertainIds.forEach(id -> ids.append(id).append("\tf\n"));
            copy.copyIn("COPY lg_ids FROM STDIN", new StringReader(ids.toString()));

            StringBuilder expect = new StringBuilder();
            for (SimContact sc : rec.contacts) {
                if (sc.failed || sc.applied == 0) {
                    skipped++;
                    continue;
                }
                checkedContacts++;
                int k = sc.applied;
                expect.append(sc.phone).append('\t').append(k).append('\t').append(Script.outbound(k)).append('\t')
                        .append(Script.consent(k)).append('\t').append(Script.status(k)).append('\t')
                        .append(Script.history(k)).append('\n');
            }
            copy.copyIn("COPY lg_expect FROM STDIN", new StringReader(expect.toString()));
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE lg_ids");
                s.execute("ANALYZE lg_expect");
                // fresh statistics, as autovacuum would have them (it is off on some test servers): without them
                // the per-contact counts below can be planned as a scan of every message per contact
                s.execute("ANALYZE messages");
                s.execute("ANALYZE contacts");
                s.execute("ANALYZE consent_history");
                try (ResultSet rs = s.executeQuery("""
                        SELECT i.provider_id, i.committed, count(m.id) AS n
                        FROM lg_ids i LEFT JOIN messages m
                          ON m.provider = 'gupshup' AND m.provider_id = i.provider_id AND m.direction = 'inbound'
                        GROUP BY i.provider_id, i.committed
                        HAVING count(m.id) > 1 OR (i.committed AND count(m.id) = 0)""")) {
                    while (rs.next()) {
                        problems.add("provider id " + rs.getString(1) + " answered "
                                + (rs.getBoolean(2) ? "200" : "with an error") + " is stored " + rs.getLong(3)
                                + " times");
                    }
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT e.phone, e.inbound, e.outbound, e.consent, e.status, e.history,
                               c.consent_status, c.status AS contact_status,
                               (SELECT count(*) FROM messages m WHERE m.phone = e.phone AND m.direction = 'inbound') AS ai,
                               (SELECT count(*) FROM messages m WHERE m.phone = e.phone AND m.direction = 'outbound') AS ao,
                               (SELECT count(*) FROM messages m WHERE m.phone = e.phone AND m.direction = 'outbound'
                                                                  AND m.status IN ('refused', 'failed')
                                                                  AND NOT (m.reason = 'contact_opted_out'
                                                                           AND c.consent_status = 'opted_out'
                                                                           AND m.at <= c.consent_at)) AS bad,
                               (SELECT count(*) FROM messages m WHERE m.phone = e.phone AND m.direction = 'outbound'
                                                                  AND m.status = 'refused'
                                                                  AND m.reason = 'contact_opted_out'
                                                                  AND c.consent_status = 'opted_out'
                                                                  AND m.at <= c.consent_at) AS held_back,
                               (SELECT count(*) FROM consent_history h WHERE h.phone = e.phone) AS ah
                        FROM lg_expect e LEFT JOIN contacts c ON c.phone = e.phone""")) {
                    while (rs.next()) {
                        heldBack += rs.getLong("held_back");
                        String phone = rs.getString("phone");
                        String want = rs.getString("consent") + "/" + rs.getString("status") + " in "
                                + rs.getInt("inbound") + " out " + rs.getInt("outbound") + " history "
                                + rs.getInt("history");
                        String got = rs.getString("consent_status") + "/" + rs.getString("contact_status") + " in "
                                + rs.getLong("ai") + " out " + rs.getLong("ao") + " history " + rs.getLong("ah");
                        if (!want.equals(got) || rs.getLong("bad") != 0) {
                            problems.add("contact " + phone + ": expected " + want + ", database has " + got
                                    + (rs.getLong("bad") != 0 ? ", " + rs.getLong("bad") + " refused/failed" : ""));
                        }
                    }
                }
                // Nothing but this run's requests may have touched its numbers.
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM contacts c WHERE c.phone LIKE '" + prefix
                        + "%' AND NOT EXISTS (SELECT 1 FROM lg_expect e WHERE e.phone = c.phone)")) {
                    rs.next();
                    long unexpected = rs.getLong(1);
                    if (unexpected > skipped) {
                        problems.add(unexpected + " contacts exist that no (checked or failed) contact explains");
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE status = 'queued'), count(*) "
                        + "FROM messages WHERE direction = 'outbound' AND phone LIKE '" + prefix + "%'")) {
                    rs.next();
                    System.out.println("outbox: " + rs.getLong(1) + " of this run's " + rs.getLong(2)
                            + " replies still queued for the provider when the run ended; " + heldBack
                            + " refused when they were to leave, because the contact had opted out since they were"
                            + " queued (the send-time check; a scripted contact answers faster than the outbox sends)");
                }
            }
            c.rollback();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (problems.isEmpty()) {
            System.out.println("exactly-once check: OK (" + rec.committedIds.size() + " provider ids answered 200, "
                    + "each stored once; " + checkedContacts + " contacts match their script; " + skipped
                    + " contacts with an error not checked) in " + ms + " ms");
            return true;
        }
        System.out.println("exactly-once check: FAILED, " + problems.size() + " problems; first ones:");
        problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
        return false;
    }
}
