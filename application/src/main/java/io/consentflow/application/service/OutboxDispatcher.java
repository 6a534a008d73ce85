package io.consentflow.application.service;

import io.consentflow.application.port.in.DispatchOutboxUseCase;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends what the outbox holds: claim a batch (one message per contact, its oldest), hand each to the provider
 * outside any transaction, then record the outcome. Temporary failures come back with exponential backoff;
 * provider rate limits are retried, never dropped.
 */
public final class OutboxDispatcher implements DispatchOutboxUseCase {
    /** Long enough for a slow provider call, short enough that a crashed instance's claims come back soon. */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Outbox outbox;
    private final MessageSender sender;
    private final Clock clock;
    private final Telemetry telemetry;

    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public int dispatchOnce(int limit) {
        List<Outbox.Claimed> batch = outbox.claim(clock.instant(), LEASE, limit);
        for (Outbox.Claimed claimed : batch) {
            Message m = claimed.message();
            SendResult result;
            try {
                result = sender.send(m);
            } catch (RuntimeException e) {
                result = new SendResult.Retry(e.toString());
            }
            Instant now = clock.instant();
            if (result instanceof SendResult.Accepted a) {
                outbox.accepted(m.id(), sender.provider(), a.providerId(), now);
                telemetry.delivered(sender.provider(), Duration.between(m.at(), now));
            } else if (result instanceof SendResult.Retry r) {
                outbox.retryLater(m.id(), now.plus(backoff(claimed.attempts())), r.reason());
                telemetry.deliveryFailed(sender.provider(), true);
            } else {
                outbox.failed(m.id(), ((SendResult.Rejected) result).reason(), now);
                telemetry.deliveryFailed(sender.provider(), false);
            }
        }
        return batch.size();
    }

    /** Doubles with each attempt the message has had, up to a cap. */
    static Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration d = FIRST_BACKOFF.multipliedBy(factor);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
