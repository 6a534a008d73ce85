package io.consentflow.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * One statement of the per-message path, with its parameters, executed with plain JDBC on the JDBI handle's
 * connection (so in its transaction). JDBI resolves an argument factory per named binding and per execution,
 * which is costly on the per-message path, so these few statements bind by position instead. Several of them can go to PostgreSQL in one round trip ({@link #executeAll}): the driver sends
 * every statement of a multi-statement text, then one Sync, and the server runs them in order, each with its own
 * snapshot, as if they had been sent one by one; the first error stops the rest.
 *
 * <p>Parameter types never depend on the value (a null timestamp is still a timestamptz, a nullable uuid travels as
 * text and is cast), so the driver's server-side prepared statements are reused instead of re-parsed.
 */
record Sql(String text, Binder binder) {
    @FunctionalInterface
    interface Binder {
        void bind(Params p) throws SQLException;
    }

    /** Positional parameters, numbered on across the statements of one round trip. */
    static final class Params {
        private final Connection connection;
        private final PreparedStatement ps;
        private int index;

        Params(Connection connection, PreparedStatement ps) {
            this.connection = connection;
            this.ps = ps;
        }

        Params text(String value) throws SQLException {
            if (value == null) ps.setNull(++index, Types.VARCHAR);
            else ps.setString(++index, value);
            return this;
        }

        /** A non-null uuid ({@code ?} as is). */
        Params uuid(UUID value) throws SQLException {
            ps.setObject(++index, value);
            return this;
        }

        /** A nullable uuid: write {@code CAST(? AS uuid)} in the statement. */
        Params uuidText(UUID value) throws SQLException {
            return text(value == null ? null : value.toString());
        }

        Params time(Instant value) throws SQLException {
            ps.setObject(++index, value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            return this;
        }

        Params textArray(List<String> values) throws SQLException {
            ps.setArray(++index, connection.createArrayOf("text", values.toArray(new String[0])));
            return this;
        }

        Params uuidArray(List<UUID> values) throws SQLException {
            ps.setArray(++index, connection.createArrayOf("uuid", values.toArray(new UUID[0])));
            return this;
        }

        Params integer(int value) throws SQLException {
            ps.setInt(++index, value);
            return this;
        }
    }

    /** Runs the statements in one round trip, in order; their results are not needed. */
    static void executeAll(Connection c, List<Sql> statements) {
        if (statements.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(joined(statements))) {
            Params p = new Params(c, ps);
            for (Sql s : statements) s.binder().bind(p);
            ps.execute();
        } catch (SQLException e) {
            throw new StatementFailed(e);
        }
    }

    static String joined(List<Sql> statements) {
        if (statements.size() == 1) return statements.get(0).text();
        StringBuilder sb = new StringBuilder();
        for (Sql s : statements) {
            if (sb.length() > 0) sb.append(";\n");
            sb.append(s.text());
        }
        return sb.toString();
    }

    /**
     * A failed plain-JDBC statement. The SQLException stays the cause, so {@link Database#retryable} and
     * {@link Database#translate} see its SQLState; the message never carries the bound values (phone numbers).
     */
    static final class StatementFailed extends RuntimeException {
        StatementFailed(SQLException cause) {
            super("statement failed: SQLState " + cause.getSQLState(), cause);
        }
    }
}
