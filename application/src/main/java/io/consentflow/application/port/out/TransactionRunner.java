package io.consentflow.application.port.out;

import java.util.function.Supplier;

/**
 * A unit of work: every port call made inside {@code work} on this thread commits or rolls back together. For the
 * flow catalogue and the settings; a contact's conversation is its own transaction ({@link Conversations}).
 */
@FunctionalInterface
public interface TransactionRunner {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
