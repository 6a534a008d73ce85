package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.StorageUnavailableException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

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
    private final Jdbi jdbi;
    private final ThreadLocal<UnitOfWork> unitOfWork = new ThreadLocal<>();

    Database(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every statement of a transaction is preceded by the writes it still holds back ({@link UnitOfWork}). */
    <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(h -> {
                flushPending(h);
                return callback.withHandle(h);
            });
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

    /**
     * The statements run now (no transaction open through {@link JdbiTransactions} on this thread), or just before
     * the transaction's next statement or its commit (one round trip for all of them).
     */
    void write(List<Sql> statements) {
        if (statements.isEmpty()) return;
        UnitOfWork u = unitOfWork();
        if (u != null) {
            statements.forEach(u::defer);
        } else {
            withHandle(h -> {
                Sql.executeAll(h.getConnection(), statements);
                return null;
            });
        }
    }

    /** Runs {@code action} if the transaction this thread has open rolls back; nothing outside a transaction. */
    void afterRollback(Runnable action) {
        UnitOfWork u = unitOfWork();
        if (u != null) {
            u.handle().afterRollback(action);
        } else if (threadHasHandle()) {
            jdbi.useHandle(h -> {
                if (h.isInTransaction()) h.afterRollback(action);
            });
        }
    }

    /** The unit of work of the transaction this thread has open through {@link JdbiTransactions}, or null. */
    UnitOfWork unitOfWork() {
        UnitOfWork u = unitOfWork.get();
        return u != null && u.handle().isInTransaction() ? u : null;
    }

    UnitOfWork beginUnitOfWork(Handle h) {
        UnitOfWork u = new UnitOfWork(h);
        unitOfWork.set(u);
        return u;
    }

    void endUnitOfWork() {
        unitOfWork.remove();
    }

    private void flushPending(Handle h) {
        UnitOfWork u = unitOfWork();
        if (u != null && u.handle() == h) u.flush();
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
