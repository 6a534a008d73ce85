package io.consentflow.bootstrap.fuzz;

import io.consentflow.adapter.persistence.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap picture of everything the service stores, read behind its back over plain JDBC: per table the row count
 * and an order-independent hash of every row ({@code sum(hashtext(row::text))}), so an insert, an update or a
 * delete anywhere shows. Messages the send policy refused ({@code status = 'refused'}) are counted on their own:
 * {@code POST /api/v1/messages} documents that a refusal (422) is recorded.
 */
final class DbFingerprint implements AutoCloseable {
    private static final String[] TABLES = {"contacts", "consent_history", "runs", "flows", "flow_catalog", "settings",
            "templates", "template_registry"};

    private final Connection connection;

    DbFingerprint(TestDatabase db) {
        try {
            this.connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Table (or "messages", "messages.refused") to "rows/hash". */
    synchronized Map<String, String> take() {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>();
        for (String t : TABLES) {
            sql.append("(SELECT count(*) || '/' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ").append(t)
                    .append(" x), ");
            names.add(t);
        }
        sql.append("(SELECT count(*) || '/' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM messages x "
                + "WHERE status <> 'refused'), (SELECT count(*) FROM messages WHERE status = 'refused')");
        names.add("messages");
        names.add("messages.refused");
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            for (int i = 0; i < names.size(); i++) out.put(names.get(i), r.getString(i + 1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Waits (at most 10 s) until the outbox worker has sent every queued message: it changes rows on its own. */
    synchronized void awaitOutboxIdle() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (count("SELECT count(*) FROM messages WHERE status = 'queued'") == 0) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the outbox did not drain in 10 s");
    }

    synchronized long count(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<String> strings(String sql) {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) out.add(r.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a test connection
        }
    }
}
