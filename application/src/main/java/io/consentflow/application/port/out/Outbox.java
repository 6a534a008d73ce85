package io.consentflow.application.port.out;

import io.consentflow.domain.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Queued outbound messages waiting for delivery. A message is claimed for a lease before it is handed to the
 * provider, so several instances never send it twice; a lease that runs out (a crash mid-send) makes it
 * claimable again, so nothing committed is lost.
 */
public interface Outbox {
    /**
     * Claims up to {@code limit} due messages, at most one per contact and always that contact's oldest
     * undelivered one, so each contact's messages go out in order. Runs in its own short transaction.
     */
    List<Claimed> claim(Instant now, Duration lease, int limit);

    /** A claimed message and how many delivery attempts it already had (for the backoff). */
    record Claimed(Message message, int attempts) {
    }

    /** What became of one claimed message. */
    sealed interface Outcome {
        UUID id();
    }

    /** The provider accepted it: status {@code enqueued}, the provider and its id kept for status events. */
    record Accepted(UUID id, String provider, String providerId, Instant at) implements Outcome {
    }

    /** A temporary failure (network, 5xx, 429): back to the queue until {@code notBefore}. */
    record RetryLater(UUID id, Instant notBefore, String error) implements Outcome {
    }

    /** A permanent failure (e.g. 4xx): status {@code failed} with the reason. */
    record Failed(UUID id, String reason, Instant at) implements Outcome {
    }

    /**
     * Not sent: its turn came too late in the batch to finish before the lease runs out. Back to the queue at once,
     * no attempt counted.
     */
    record Released(UUID id) implements Outcome {
    }

    /** The outcomes of a batch, written together: one round trip and one commit, all or none. */
    void record(List<Outcome> outcomes);

    /** Messages queued and not yet accepted by a provider (a gauge). */
    long depth();
}
