package io.consentflow.application.port.in;

/**
 * The background side of broadcasts: fixing the recipients of those whose start time came, and sending, batch by
 * batch, separately from the outbox (replies never wait behind a broadcast).
 */
public interface SendBroadcastsUseCase {
    /** Fixes the recipients of broadcasts due to start (each in one statement); returns how many started. */
    int startDue(int limit);

    /**
     * Claims and sends one batch of at most {@code limit} recipients (fewer when the sending pace allows fewer);
     * returns how many recipients it handled.
     */
    int sendOnce(int limit);
}
