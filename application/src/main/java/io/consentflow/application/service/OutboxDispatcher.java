package io.consentflow.application.service;

import io.consentflow.application.port.in.DispatchOutboxUseCase;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.SendPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;

/**
 * Sends what the outbox holds: claim a batch (one message per contact, its oldest), hand each to the provider
 * outside any transaction, then record the outcome. The claim applies the send policy again to each message as it
 * leaves ({@link SendPolicy#decideAtSend}): one that no longer passes (the contact opted out or was blocked while
 * it waited, the window closed, the opt-in flow's run was cut short) ends refused and is never sent. Temporary
 * failures come back with exponential backoff; provider rate limits are retried, never dropped.
 *
 * <p>The messages of a batch go out concurrently on {@code sends}: a provider call takes 100-300 ms, so one at a
 * time would cap a campaign at a few replies per second. A batch never holds two messages of one contact, so each
 * contact's replies still go out in order. Outcomes are recorded as the calls finish, those that finished together
 * in one commit (instead of one per reply); the price is that a crash between a call and that commit resends the
 * message when its lease runs out: delivery is at least once.
 *
 * <p>The replies of a batch are counted against the number's pace ({@link SendPace#spent}), once per batch and
 * before they go, never waiting for it: a conversation's answer goes out whatever broadcasts are doing, and
 * broadcasts, which take from the pace, get only what the replies left. A provider's rate limit
 * ({@link SendResult.RateLimited}) is retried like any temporary failure and slows the pace down, once per batch.
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
    /** Who is recorded as having taken a test contact's message: nobody outside the service. */
    public static final String TEST_PROVIDER = "simulator";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Outbox outbox;
    private final MessageSender sender;
    private final Clock clock;
    private final Telemetry telemetry;
    private final Executor sends;
    private final SendPolicy policy;
    private final SendPace pace;

    /** Sends one message after the other, on the calling thread. */
    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry) {
        this(outbox, sender, clock, telemetry, Runnable::run);
    }

    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry, Executor sends) {
        this(outbox, sender, clock, telemetry, sends, new SendPolicy());
    }

    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry, Executor sends,
                            SendPolicy policy) {
        this(outbox, sender, clock, telemetry, sends, policy, SendPace.UNLIMITED);
    }

    /** @param pace the number's sending budget, shared with broadcasts and other instances */
    public OutboxDispatcher(Outbox outbox, MessageSender sender, Clock clock, Telemetry telemetry, Executor sends,
                            SendPolicy policy, SendPace pace) {
        this.pace = pace;
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        this.telemetry = telemetry;
        this.sends = sends;
        this.policy = policy;
    }

    /**
     * Returns when every message of the batch has been handed to the provider and the outcomes are recorded; counts
     * the messages leased and those refused by the claim.
     */
    @Override
    public int dispatchOnce(int limit) {
        Instant claimedAt = clock.instant();
        Outbox.Batch claim = outbox.claim(claimedAt, LEASE, limit, queued -> policy.decideAtSend(queued, claimedAt));
        for (Outbox.Refused refused : claim.refused()) telemetry.sendRefused(refused.reason());
        List<Outbox.Claimed> batch = claim.leased();
        if (batch.isEmpty()) return claim.size();
        spend(batch, claimedAt);
        Instant latestStart = claimedAt.plus(LATEST_START);
        CompletionService<Sent> calls = new ExecutorCompletionService<>(sends);
        for (Outbox.Claimed claimed : batch) calls.submit(() -> send(claimed, latestStart));
        // Outcomes are recorded as calls finish, all that finished together in one round trip: the provider's
        // status callbacks name its message id, which must be stored before they arrive, not when the batch's
        // slowest call returns (seconds later with a real provider).
        int recorded = 0;
        boolean rateLimited = false;
        while (recorded < batch.size()) {
            List<Sent> done = new ArrayList<>();
            done.add(finished(calls, true));
            for (Sent more; (more = finished(calls, false)) != null; ) done.add(more);
            outbox.record(done.stream().map(Sent::outcome).toList());
            for (Sent sent : done) {
                report(sent.message(), sent.outcome());
                rateLimited |= sent.rateLimited();
            }
            recorded += done.size();
        }
        // after every outcome is recorded, so a failure here loses none of them; the calls of one batch that met
        // the limit together are one excess, told once
        if (rateLimited) pace.slowDown(clock.instant());
        return claim.size();
    }

    /**
     * The batch's replies counted against the pace in one call, before they go; the simulator's never reach a
     * provider and do not count. A failure to count is not a reason to hold replies back (they never wait for the
     * pace): the batch goes on, the budget misses it, and should broadcasts then go too fast the provider's rate
     * limit slows them down.
     */
    private void spend(List<Outbox.Claimed> batch, Instant at) {
        int replies = (int) batch.stream().filter(c -> !c.message().phone().test()).count();
        if (replies == 0) return;
        try {
            pace.spent(replies, at);
        } catch (RuntimeException e) {
            // deliberately not rethrown, see above; the claim and the outcomes' records report a database failure
        }
    }

    private record Sent(OutboundMessage message, Outbox.Outcome outcome, boolean rateLimited) {
        Sent(OutboundMessage message, Outbox.Outcome outcome) {
            this(message, outcome, false);
        }
    }

    /**
     * The next finished call: waits for one when {@code wait}, else null if none has finished yet. {@link #send}
     * never throws, so a finished call always has its outcome.
     */
    private static Sent finished(CompletionService<Sent> calls, boolean wait) {
        try {
            Future<Sent> call = wait ? calls.take() : calls.poll();
            return call == null ? null : call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Never throws: whatever goes wrong in the call is a temporary failure, retried with backoff. A test contact's
     * message (the console's simulator) passed the send policy like any other, and is then recorded as taken by
     * {@value #TEST_PROVIDER} without any provider call.
     */
    private Sent send(Outbox.Claimed claimed, Instant latestStart) {
        OutboundMessage m = claimed.message();
        if (clock.instant().isAfter(latestStart)) return new Sent(m, new Outbox.Released(m.id()));
        if (m.phone().test()) {
            return new Sent(m, new Outbox.Accepted(m.id(), TEST_PROVIDER, m.id().toString(), clock.instant()));
        }
        SendResult result;
        try {
            result = sender.send(m);
        } catch (RuntimeException e) {
            result = new SendResult.Retry(e.toString());
        }
        Instant now = clock.instant();
        Instant retryAt = now.plus(backoff(claimed.attempts()));
        if (result instanceof SendResult.Accepted a) {
            return new Sent(m, new Outbox.Accepted(m.id(), sender.provider(), a.providerId(), now));
        } else if (result instanceof SendResult.Retry r) {
            return new Sent(m, new Outbox.RetryLater(m.id(), retryAt, r.reason()));
        } else if (result instanceof SendResult.RateLimited r) {
            return new Sent(m, new Outbox.RetryLater(m.id(), retryAt, r.reason()), true);
        }
        return new Sent(m, new Outbox.Failed(m.id(), ((SendResult.Rejected) result).reason(), now));
    }

    private void report(OutboundMessage m, Outbox.Outcome outcome) {
        if (m.phone().test()) return;
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
