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

    /** The provider accepted it: status {@code enqueued}, the provider and its id kept for status events. */
    void accepted(UUID id, String provider, String providerId, Instant at);

    /** A temporary failure (network, 5xx, 429): back to the queue until {@code notBefore}. */
    void retryLater(UUID id, Instant notBefore, String error);

    /** A permanent failure (e.g. 4xx): status {@code failed} with the reason. */
    void failed(UUID id, String reason, Instant at);

    /** What became of one claimed message. */
    sealed interface Outcome {
        UUID id();
    }

    record Accepted(UUID id, String provider, String providerId, Instant at) implements Outcome {
    }

    record RetryLater(UUID id, Instant notBefore, String error) implements Outcome {
    }

    record Failed(UUID id, String reason, Instant at) implements Outcome {
    }

    /**
     * The outcomes of a batch. A database store writes them together, in one round trip and one commit (all or
     * none); this default applies them one by one.
     */
    default void record(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o instanceof Accepted a) accepted(a.id(), a.provider(), a.providerId(), a.at());
            else if (o instanceof RetryLater r) retryLater(r.id(), r.notBefore(), r.error());
            else if (o instanceof Failed f) failed(f.id(), f.reason(), f.at());
        }
    }

    /** Messages queued and not yet accepted by a provider (a gauge). */
    long depth();
}
