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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends what the outbox holds: claim a batch (one message per contact, its oldest), hand each to the provider
 * outside any transaction, then record the outcome. Temporary failures come back with exponential backoff;
 * provider rate limits are retried, never dropped.
 *
 * <p>The messages of a batch go out concurrently on {@code sends}: a provider call takes 100-300 ms, so one at a
 * time would cap a campaign at a few replies per second. A batch never holds two messages of one contact, so each
 * contact's replies still go out in order. The outcomes of a batch are recorded together (one commit instead of one
 * per reply); the price is that a crash between the calls and that commit resends that batch when its lease runs
 * out: delivery is at least once.
 */
public final class OutboxDispatcher implements DispatchOutboxUseCase {
    /** Long enough for a batch's calls, short enough that a crashed instance's claims come back soon. */
    public static final Duration LEASE = Duration.ofSeconds(40);
    /**
     * No call starts later than this after the claim, so none can still be running when the lease runs out and
     * another instance claims the message again; the messages left are released. A provider call must therefore
     * take at most {@code LEASE - LATEST_START}, connecting included.
     */
    public static final Duration LATEST_START = Duration.ofSeconds(20);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Outbox outbox;
    private final MessageSender sender;
    private final Clock clock;
    private final Telemetry telemetry;
    private final Executor sends;

    /** Sends one message after the other, on the calling thread. */
    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry) {
        this(outbox, sender, clock, telemetry, Runnable::run);
    }

    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry, Executor sends) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        this.telemetry = telemetry;
        this.sends = sends;
    }

    /** Returns when every message of the batch has been handed to the provider and the outcomes are recorded. */
    @Override
    public int dispatchOnce(int limit) {
        Instant claimedAt = clock.instant();
        List<Outbox.Claimed> batch = outbox.claim(claimedAt, LEASE, limit);
        if (batch.isEmpty()) return 0;
        Instant latestStart = claimedAt.plus(LATEST_START);
        List<CompletableFuture<Outbox.Outcome>> calls = batch.stream()
                .map(claimed -> CompletableFuture.supplyAsync(() -> send(claimed, latestStart), sends))
                .toList();
        List<Outbox.Outcome> outcomes = calls.stream().map(CompletableFuture::join).toList();
        outbox.record(outcomes);
        for (int i = 0; i < batch.size(); i++) report(batch.get(i).message(), outcomes.get(i));
        return batch.size();
    }

    /** Never throws: whatever goes wrong in the call is a temporary failure, retried with backoff. */
    private Outbox.Outcome send(Outbox.Claimed claimed, Instant latestStart) {
        Message m = claimed.message();
        if (clock.instant().isAfter(latestStart)) return new Outbox.Released(m.id());
        SendResult result;
        try {
            result = sender.send(m);
        } catch (RuntimeException e) {
            result = new SendResult.Retry(e.toString());
        }
        Instant now = clock.instant();
        if (result instanceof SendResult.Accepted a) {
            return new Outbox.Accepted(m.id(), sender.provider(), a.providerId(), now);
        } else if (result instanceof SendResult.Retry r) {
            return new Outbox.RetryLater(m.id(), now.plus(backoff(claimed.attempts())), r.reason());
        }
        return new Outbox.Failed(m.id(), ((SendResult.Rejected) result).reason(), now);
    }

    private void report(Message m, Outbox.Outcome outcome) {
        if (outcome instanceof Outbox.Accepted a) {
            telemetry.delivered(sender.provider(), Duration.between(m.at(), a.at()));
        } else if (!(outcome instanceof Outbox.Released)) {
            telemetry.deliveryFailed(sender.provider(), outcome instanceof Outbox.RetryLater);
        }
    }

    /** Doubles with each attempt the message has had, up to a cap. */
    static Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration d = FIRST_BACKOFF.multipliedBy(factor);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
