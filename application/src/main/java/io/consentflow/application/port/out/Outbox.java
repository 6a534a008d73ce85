package io.consentflow.application.port.out;

import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;

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
     *
     * <p>In that transaction every candidate's contact (and, for an opt-in ask, its run) is read as it is now, with
     * the contact row locked so that the claim and a consent change of that contact serialise: a contact whose row
     * a consent change holds right now is skipped (its message waits for a later claim), and a consent change waits
     * for the claim's commit. {@code check} then decides, per candidate, whether it may still leave: those refused
     * end {@code refused} with the reason, in the same transaction, and are never leased; the rest are leased.
     */
    Batch claim(Instant now, Duration lease, int limit, SendCheck check);

    /** The send policy applied when a message leaves (the application passes the domain's rule). */
    @FunctionalInterface
    interface SendCheck {
        SendDecision decide(QueuedSend queued);
    }

    /** What one claim did: the messages leased for the provider, and those refused instead. */
    record Batch(List<Claimed> leased, List<Refused> refused) {
        public Batch {
            leased = List.copyOf(leased);
            refused = List.copyOf(refused);
        }

        public int size() {
            return leased.size() + refused.size();
        }
    }

    /** A due message the send policy no longer allows: stored {@code refused} with the reason, never sent. */
    record Refused(OutboundMessage message, RefusalReason reason) {
    }

    /** A claimed message and how many delivery attempts it already had (for the backoff). */
    record Claimed(OutboundMessage message, int attempts) {
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
