package io.consentflow.benchmarks.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --load-data}: a big history in the service's schema, generated inside PostgreSQL (generate_series), in
 * one transaction. Contacts {@code 880000000001..}: 70% opted in, 20% never asked, 10% opted out (invalid), each
 * with one completed run of the opt-in flow and its consent history; messages spread over the last 100 days,
 * interleaved across contacts as real traffic is (message n belongs to contact n mod C), inbound and outbound
 * alternating, all delivered (nothing queued for the outbox). The service's non-unique indexes are dropped for the
 * load and rebuilt from their own definitions (pg_get_indexdef) before the commit; a failure rolls everything back.
 * Then VACUUM ANALYZE and a CHECKPOINT, so the run that follows starts from a settled database.
 */
final class DataLoader {
    static final String PHONE_PREFIX = "880";
    private static final String OPTOUT_FLOW = "5b3c1d2e-0000-4a6b-9c8d-222222222222";
    private static final long CHUNK = 1_000_000;

    private DataLoader() {
    }

    static void load(Options o) throws SQLException {
        long C = o.contacts;
        long M = o.messages;
        long t0 = System.nanoTime();
        try (Connection c = DbCheck.connect(o)) {
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT to_regclass('contacts') IS NOT NULL AND "
                        + "to_regclass('messages') IS NOT NULL");
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("no Consentflow schema in " + o.jdbc
                            + ": start the service on it once (it runs the migrations)");
                }
                rs = s.executeQuery("SELECT count(*) FROM contacts WHERE phone LIKE '" + PHONE_PREFIX + "%'");
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(rs.getLong(1) + " bulk contacts (" + PHONE_PREFIX
                            + "...) are already loaded");
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
                s.execute("SET LOCAL maintenance_work_mem = '512MB'");
                s.execute("SET LOCAL work_mem = '256MB'");
                s.execute("LOCK TABLE contacts, messages, runs, consent_history IN SHARE ROW EXCLUSIVE MODE");

                List<String[]> indexes = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                        FROM pg_index i
                        WHERE i.indrelid IN ('messages'::regclass, 'runs'::regclass, 'consent_history'::regclass)
                          AND NOT i.indisunique AND NOT i.indisprimary""")) {
                    while (rs.next()) indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
                for (String[] ix : indexes) s.execute("DROP INDEX " + ix[0]);
                step(t0, "dropped " + indexes.size() + " non-unique indexes for the load");

                String phone = "'" + PHONE_PREFIX + "' || lpad(i::text, 9, '0')";
                exec(c, """
                        INSERT INTO contacts (phone, name, language, fields, status, consent_status, consent_at,
                                              consent_method, consent_evidence, last_inbound_at, created_at, updated_at)
                        SELECT %s, 'Bulk ' || i, 'eng', jsonb_build_object('district', 'D' || (i %% 700)),
                               CASE WHEN i %% 10 = 0 THEN 'invalid' ELSE 'valid' END,
                               CASE WHEN i %% 10 = 0 THEN 'opted_out' WHEN i %% 10 IN (1, 2) THEN 'unknown'
                                    ELSE 'opted_in' END,
                               CASE WHEN i %% 10 IN (1, 2) THEN NULL ELSE now() - (i %% 90) * interval '1 day' END,
                               CASE WHEN i %% 10 IN (1, 2) THEN NULL ELSE 'flow' END,
                               CASE WHEN i %% 10 IN (1, 2) THEN NULL ELSE md5('evidence' || i)::uuid::text END,
                               now() - (i %% 90) * interval '1 day', now() - interval '120 days', now()
                        FROM generate_series(1, ?) i""".formatted(phone), C);
                step(t0, C + " contacts");
                exec(c, EVERYONE);
                step(t0, "group '" + EVERYONE_GROUP + "' of every bulk contact");

                exec(c, """
                        INSERT INTO consent_history (phone, from_status, to_status, method, evidence, flow_uuid, at)
                        SELECT %1$s, 'unknown', 'opted_in', 'flow', md5('evidence' || i)::uuid::text, '%2$s',
                               now() - (i %% 90) * interval '1 day' - interval '1 day'
                        FROM generate_series(1, ?) i WHERE i %% 10 NOT IN (1, 2)
                        UNION ALL
                        SELECT %1$s, 'opted_in', 'opted_out', 'flow', md5('evidence' || i)::uuid::text, '%3$s',
                               now() - (i %% 90) * interval '1 day'
                        FROM generate_series(1, ?) i WHERE i %% 10 = 0""".formatted(phone, LoadGenerator.OPTIN_FLOW,
                        OPTOUT_FLOW), C, C);
                step(t0, "consent history");

                exec(c, """
                        INSERT INTO runs (id, flow_uuid, phone, parent_id, status, node_uuid, results, waiting_since,
                                          timeout_at, expires_at, started_at, ended_at, end_reason, updated_at)
                        SELECT md5('bulk-run-' || i)::uuid, '%2$s', %1$s, NULL, 'completed', NULL,
                               jsonb_build_object('consent_answer', jsonb_build_object('name', 'Consent answer',
                                   'value', '👍', 'category', 'Agree', 'input', '👍',
                                   'node_uuid', 'e0db8705-651e-4d3c-ab56-987edc4948e2', 'at', now()::text)),
                               NULL, NULL, NULL, now() - (i %% 90) * interval '1 day' - interval '1 day',
                               now() - (i %% 90) * interval '1 day' - interval '1 day' + interval '1 minute', NULL,
                               now() - (i %% 90) * interval '1 day' - interval '1 day' + interval '1 minute'
                        FROM generate_series(1, ?) i""".formatted(phone, LoadGenerator.OPTIN_FLOW), C);
                step(t0, C + " runs");

                long base;
                try (ResultSet rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('messages', 'seq'))")) {
                    rs.next();
                    base = rs.getLong(1);
                }
                String msgPhone = "'" + PHONE_PREFIX + "' || lpad((((n - 1) % " + C + ") + 1)::text, 9, '0')";
                String inbound = "(((n - 1) / " + C + ") % 2 = 0)";
                for (long lo = 1; lo <= M; lo += CHUNK) {
                    long hi = Math.min(M, lo + CHUNK - 1);
                    exec(c, """
                            INSERT INTO messages (id, seq, phone, direction, type, text, content, provider, provider_id,
                                                  status, flow_uuid, reason, at, created_at)
                            SELECT md5('bulk-msg-' || n)::uuid, %1$d + n, %2$s,
                                   CASE WHEN %3$s THEN 'inbound' ELSE 'outbound' END, 'text',
                                   CASE WHEN %3$s THEN 'Hi' ELSE 'Thanks, you will hear from us.' END, NULL, 'gupshup',
                                   CASE WHEN %3$s THEN 'bulk-in-' ELSE 'bulk-out-' END || lpad(n::text, 10, '0'),
                                   CASE WHEN %3$s THEN 'received' ELSE 'read' END,
                                   CASE WHEN %3$s THEN NULL ELSE '%4$s' END, NULL,
                                   now() - (%5$d - n) * (8640000.0 / %5$d) * interval '1 second',
                                   now() - (%5$d - n) * (8640000.0 / %5$d) * interval '1 second'
                            FROM generate_series(?, ?) n""".formatted(base, msgPhone, inbound,
                            LoadGenerator.OPTIN_FLOW, M), lo, hi);
                    step(t0, hi + " messages");
                }
                s.execute("SELECT setval(pg_get_serial_sequence('messages', 'seq'), " + (base + M + 1) + ")");

                for (String[] ix : indexes) {
                    s.execute(ix[1]);
                    step(t0, "rebuilt " + ix[0]);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            step(t0, "committed");
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM (ANALYZE) contacts, messages, runs, consent_history");
                step(t0, "vacuum analyze");
                s.execute("CHECKPOINT");
                step(t0, "checkpoint");
                try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    System.out.println("loaded " + C + " contacts, " + M + " messages in "
                            + (System.nanoTime() - t0) / 1_000_000_000 + " s; database size " + rs.getString(1));
                }
            }
        }
    }

    /** The broadcast benchmark's audience: a group holding every bulk contact (70% of them opted in). */
    static final String EVERYONE_GROUP = "everyone";
    /** Also run by {@code bench.sh --broadcast} on a database loaded before the group existed. */
    static final String EVERYONE = "WITH g AS (INSERT INTO groups (name) VALUES ('" + EVERYONE_GROUP + "') RETURNING id) "
            + "INSERT INTO group_members (group_id, phone, counted_consent, counted_status)"
            + " SELECT g.id, c.phone, c.consent_status, c.status FROM g, contacts c "
            + "WHERE c.phone LIKE '" + PHONE_PREFIX + "%'";

    private static void exec(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setLong(i + 1, params[i]);
            ps.executeUpdate();
        }
    }

    private static void step(long t0, String what) {
        LoadGenerator.log(String.format("  %6.1f s  %s", (System.nanoTime() - t0) / 1e9, what));
    }
}
