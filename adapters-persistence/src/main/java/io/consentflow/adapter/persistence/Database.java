package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The repositories' way to the database. Every call goes through {@link Jdbi#withHandle}, which reuses the handle
 * this thread already holds, so calls made inside {@link JdbiTransactions} join its transaction. A lost or
 * unreachable database surfaces as {@link StorageUnavailableException}; other failures pass unchanged.
 */
final class Database {
    static final int MAX_RETRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Jdbi jdbi;

    Database(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    void useHandle(HandleConsumer<RuntimeException> consumer) {
        withHandle(h -> {
            consumer.useHandle(h);
            return null;
        });
    }

    /** The statements in one round trip, in their own implicit transaction: all or none. */
    void write(List<Sql> statements) {
        if (statements.isEmpty()) return;
        withHandle(h -> {
            Sql.executeAll(h.getConnection(), statements);
            return null;
        });
    }

    /**
     * Runs {@code callback} in a transaction of its own, run again (at most {@value #MAX_RETRIES} times) when it
     * lost a serialization conflict or a deadlock, so {@code callback} must be safe to run again.
     */
    <T> T newTransaction(HandleCallback<T, RuntimeException> callback) {
        if (threadHasHandle()) throw new IllegalStateException("already inside a transaction on this thread");
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            } catch (RuntimeException e) {
                if (attempt < MAX_RETRIES && retryable(e)) {
                    LOG.warn("transaction lost a serialization conflict or deadlock; retry {} of {}", attempt + 1,
                            MAX_RETRIES);
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /** Runs {@code callback} in a transaction: a new one, or the one this thread already has open. */
    <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(callback);
    }

    /** Whether this thread is already inside a {@link #withHandle}/{@link #inTransaction} call. */
    boolean threadHasHandle() {
        return jdbi.getHandleScope().get() != null;
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof StorageUnavailableException) return e;
        if (anyCause(e, Database::connectionLost)) {
            // not e.getMessage(): JDBI's messages carry the statement's arguments (phone numbers)
            return new StorageUnavailableException("database unavailable", e);
        }
        return e;
    }

    /** A serialization failure or deadlock: the whole transaction may simply be run again. */
    static boolean retryable(Throwable e) {
        return anyCause(e, t -> t instanceof SQLException sql
                && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState())));
    }

    private static boolean connectionLost(Throwable t) {
        if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exception; 57P01-03: server shutting down or not accepting connections yet;
            // 53300: too many connections
            return state.startsWith("08") || state.startsWith("57P") || "53300".equals(state);
        }
        return false;
    }

    /** Walks causes and suppressed exceptions (a failed rollback hides the original there), cycle-safe. */
    private static boolean anyCause(Throwable root, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable t = todo.poll();
            if (!seen.add(t)) continue;
            if (test.test(t)) return true;
            if (t.getCause() != null) todo.add(t.getCause());
            if (t instanceof SQLException sql && sql.getNextException() != null) todo.add(sql.getNextException());
            Collections.addAll(todo, t.getSuppressed());
        }
        return false;
    }
}
