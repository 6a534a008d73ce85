package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.TransactionRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * One database transaction around {@code work}: the repositories' calls on this thread join it. A transaction
 * that lost a serialization conflict or a deadlock is run again (at most {@value #MAX_RETRIES} times); a nested
 * call joins the outer transaction and leaves retrying to it. The outermost one carries a {@link UnitOfWork}: the
 * writes it still holds back are sent with the commit, and it is dropped when the transaction ends.
 */
final class JdbiTransactions implements TransactionRunner {
    static final int MAX_RETRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(JdbiTransactions.class);

    private final Database db;

    JdbiTransactions(Database db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (db.threadHasHandle()) {
            return db.inTransaction(h -> work.get());
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(h -> {
                    UnitOfWork unit = db.beginUnitOfWork(h);
                    T result = work.get();
                    unit.flushAndCommit();
                    return result;
                });
            } catch (RuntimeException e) {
                if (attempt < MAX_RETRIES && Database.retryable(e)) {
                    LOG.warn("transaction lost a serialization conflict or deadlock; retry {} of {}", attempt + 1,
                            MAX_RETRIES);
                    continue;
                }
                throw Database.translate(e);
            } finally {
                db.endUnitOfWork();
            }
        }
    }
}
