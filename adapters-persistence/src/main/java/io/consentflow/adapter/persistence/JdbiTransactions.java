package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.TransactionRunner;

import java.util.function.Supplier;

/**
 * One database transaction around {@code work}: the repositories' calls on this thread join it. A transaction
 * that lost a serialization conflict or a deadlock is run again (at most {@value Database#MAX_RETRIES} times); a
 * nested call joins the outer transaction and leaves retrying to it.
 */
final class JdbiTransactions implements TransactionRunner {
    static final int MAX_RETRIES = Database.MAX_RETRIES;

    private final Database db;

    JdbiTransactions(Database db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (db.threadHasHandle()) return db.inTransaction(h -> work.get());
        return db.newTransaction(h -> work.get());
    }
}
