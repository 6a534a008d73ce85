package io.consentflow.application.service;

import io.consentflow.application.port.in.SendBroadcastsUseCase;
import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastMessages;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.broadcast.FlowBroadcastStart;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.TemplateBook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends running broadcasts, batch by batch, apart from the outbox (a reply never waits behind a broadcast's
 * million messages, and the outbox's claim is not touched). Each batch: take what the sending pace allows, claim
 * that many recipients (their contacts locked and read as they are now; each template message judged by
 * {@link SendPolicy#decideAtSend} there and then, the refused stored with their reason, the others leased and
 * committed before any call), hand the leased ones to the provider, {@code window} at a time, each marked before its
 * call starts together with the outcomes of the calls that just ended (one round trip).
 *
 * <p><b>Exactly one message per recipient, or none.</b> A recipient's claim is committed before its call, and its
 * call is marked started (committed) before it starts: no other claim takes it, on this instance or another. A
 * call started when its instance dies has an unknown outcome; it is never made again: once its lease runs out the
 * recipient is recorded failed {@code outcome_unknown} ({@link Broadcasts#expire}); at most {@code window} calls
 * per instance can be in that state. A claimed recipient whose call had not started waits again. Only answers that say
 * the message was not taken put a recipient back in line: a rate limit (which also slows the pace), and calls not
 * started because their batch ran late or the broadcast was cancelled. Any other failure, a timeout included,
 * is recorded failed with the provider's words: it may have reached the provider.
 *
 * <p>A flow broadcast starts the flow for each recipient in the recipient's own conversation transaction
 * ({@link FlowBroadcastStart}), which also takes the recipient: its runs' messages then go through the outbox.
 */
public final class BroadcastSender implements SendBroadcastsUseCase {
    /** A claimed recipient's lease: longer than {@link #LATEST_START} plus a provider call (at most 10 s). */
    public static final Duration LEASE = Duration.ofSeconds(40);
    /** No call starts later than this after its claim, so none outlives the lease. */
    public static final Duration LATEST_START = Duration.ofSeconds(20);
    /** While a batch's calls run, how often the sender looks whether the broadcast was cancelled elsewhere. */
    public static final Duration CANCEL_CHECK = Duration.ofMillis(200);
    /** How often leases that ran out (an instance that died) are looked for. */
    static final Duration EXPIRE_EVERY = Duration.ofSeconds(2);

    private final Broadcasts broadcasts;
    private final Conversations conversations;
    private final FlowCatalog catalog;
    private final EngineFactory engines;
    private final Supplier<TemplateBook> templates;
    private final MessageSender sender;
    private final SendPace pace;
    private final SendPolicy policy;
    private final Supplier<UUID> ids;
    private final Clock clock;
    private final Telemetry telemetry;
    private final Executor sends;
    private final int window;
    /** Where this instance goes on in each broadcast's phone order; a pass that reaches the end starts again. */
    private final Map<UUID, String> cursors = new ConcurrentHashMap<>();
    /** Broadcasts cancelled through this instance: its calls stop at once, not at the next check. */
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile Instant expiredAt = Instant.MIN;

    public BroadcastSender(Broadcasts broadcasts, Conversations conversations, FlowCatalog catalog,
                           EngineFactory engines, Supplier<TemplateBook> templates, MessageSender sender,
                           SendPace pace, SendPolicy policy, Supplier<UUID> ids, Clock clock, Telemetry telemetry,
                           Executor sends, int window) {
        this.broadcasts = broadcasts;
        this.conversations = conversations;
        this.catalog = catalog;
        this.engines = engines;
        this.templates = templates;
        this.sender = sender;
        this.pace = pace;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.telemetry = telemetry;
        this.sends = sends;
        if (window < 1) throw new IllegalArgumentException("window must be at least 1, got " + window);
        this.window = window;
    }

    /** Told by {@link BroadcastService#cancel} on this instance: calls of it not started yet are not made. */
    public void cancelled(UUID id) {
        cancelled.add(id);
    }

    @Override
    public int startDue(int limit) {
        int started = 0;
        for (UUID id : broadcasts.due(clock.instant(), limit)) {
            if (broadcasts.start(id, clock.instant()).isPresent()) started++;
        }
        return started;
    }

    @Override
    public int sendOnce(int limit) {
        Instant now = clock.instant();
        if (!now.isBefore(expiredAt.plus(EXPIRE_EVERY))) {
            broadcasts.expire(now);
            expiredAt = now;
        }
        List<Broadcast> running = broadcasts.running(32);
        if (running.isEmpty()) return 0;
        Broadcast b = running.get(Math.floorMod(turn.getAndIncrement(), running.size()));
        if (cancelled.contains(b.id())) return 0;
        int wanted = pace.take(limit, now);
        if (wanted <= 0) return 0;
        String after = cursors.getOrDefault(b.id(), "");
        Broadcasts.Claim claim = broadcasts.claim(b.id(), after, wanted, now, now.plus(LEASE), decide(b, now));
        if (!claim.broadcastLive()) {
            cursors.remove(b.id());
            return 0;
        }
        if (claim.looked() < wanted) {
            // the end of the phone order: recipients left behind (their contact was busy, their call rate-limited)
            // are found by the next pass from the start
            cursors.remove(b.id());
            if (claim.looked() == 0 && after.isEmpty()) {
                broadcasts.finish(b.id(), now);
                return 0;
            }
        } else {
            cursors.put(b.id(), claim.last());
        }
        if (b.flow()) {
            startFlows(b, claim.leased());
        } else {
            send(b, claim.leased(), now);
        }
        return claim.looked();
    }

    /** The claim's judgement of one recipient, in the claim's transaction. */
    private Broadcasts.Decide decide(Broadcast b, Instant now) {
        if (b.content() instanceof BroadcastContent.TemplateSend t) {
            TemplateBook book = templates.get();
            return (phone, contact) -> template(t, book, phone, contact, now);
        }
        // a flow's start is judged under the recipient's own lock, when its conversation opens
        return (phone, contact) -> new Broadcasts.StartFlow(ids.get());
    }

    private Broadcasts.Decision template(BroadcastContent.TemplateSend t, TemplateBook book, Phone phone,
                                         Contact contact, Instant now) {
        Optional<OutboundMessage> message = BroadcastMessages.template(t, book, phone, contact, ids.get(), now);
        if (message.isEmpty()) return new Broadcasts.Fail(BroadcastMessages.TEMPLATE_GONE);
        SendDecision decision = policy.decideAtSend(new QueuedSend(message.get(), contact, null), now);
        if (decision instanceof SendDecision.Refused r) {
            telemetry.sendRefused(r.reason());
            return new Broadcasts.Refuse(message.get(), r.reason().code());
        }
        return new Broadcasts.Send(message.get());
    }

    // ---- template broadcasts ---------------------------------------------------------------------------------

    /**
     * At most {@code window} calls at once, each marked {@code sending} (with the outcomes of the calls that ended
     * just before, one round trip) before it starts: a crash leaves at most {@code window} calls whose outcome is
     * unknown; the batch's other recipients, claimed but never called, go back to waiting when their lease runs
     * out. No call starts after {@link #LATEST_START}, nor once the broadcast is cancelled: those recipients go
     * back to waiting at once.
     */
    private void send(Broadcast b, List<Broadcasts.Leased> leased, Instant claimedAt) {
        Deque<OutboundMessage> waiting = new ArrayDeque<>();
        for (Broadcasts.Leased l : leased) {
            if (l.decision() instanceof Broadcasts.Send s) waiting.add(s.message());
        }
        Instant latestStart = claimedAt.plus(LATEST_START);
        CompletionService<Broadcasts.Outcome> done = new ExecutorCompletionService<>(sends);
        List<Broadcasts.Outcome> ended = new ArrayList<>();
        boolean stop = false;
        int running = 0;
        while (true) {
            stop = stop || cancelled.contains(b.id()) || clock.instant().isAfter(latestStart);
            List<OutboundMessage> starting = new ArrayList<>();
            if (stop) {
                for (OutboundMessage m; (m = waiting.poll()) != null; ) ended.add(new Broadcasts.Requeued(m.phone(), m));
            } else {
                while (running + starting.size() < window && !waiting.isEmpty()) starting.add(waiting.poll());
            }
            if (!ended.isEmpty() || !starting.isEmpty()) {
                Set<UUID> marked = broadcasts.record(b.id(), ended, starting);
                report(ended);
                ended.clear();
                for (OutboundMessage m : starting) {
                    if (!marked.contains(m.id())) continue; // its lease ran out and another claim took it
                    done.submit(() -> call(m));
                    running++;
                }
            }
            if (running == 0 && waiting.isEmpty()) return;
            if (running == 0) continue;
            Broadcasts.Outcome first = next(done, CANCEL_CHECK);
            if (first == null) {
                // calls still running: was the broadcast cancelled meanwhile (here or on another instance)?
                stop = broadcasts.status(b.id()).orElse(BroadcastStatus.CANCELLED) != BroadcastStatus.RUNNING;
                continue;
            }
            ended.add(first);
            running--;
            for (Broadcasts.Outcome more; (more = next(done, Duration.ZERO)) != null; running--) ended.add(more);
        }
    }

    /** Never throws: whatever goes wrong in a call that started may have reached the provider, so it is failed. */
    private Broadcasts.Outcome call(OutboundMessage m) {
        if (m.phone().test()) {
            return new Broadcasts.Accepted(m.phone(), m, OutboxDispatcher.TEST_PROVIDER, m.id().toString());
        }
        SendResult result;
        try {
            result = sender.send(m);
        } catch (RuntimeException e) {
            return new Broadcasts.Failed(m.phone(), m, e.toString());
        }
        if (result instanceof SendResult.Accepted a) {
            return new Broadcasts.Accepted(m.phone(), m, sender.provider(), a.providerId());
        }
        if (result instanceof SendResult.Retry r) {
            if (rateLimited(r.reason())) {
                pace.slowDown(clock.instant());
                return new Broadcasts.Requeued(m.phone(), m);
            }
            return new Broadcasts.Failed(m.phone(), m, r.reason());
        }
        return new Broadcasts.Failed(m.phone(), m, ((SendResult.Rejected) result).reason());
    }

    /**
     * The provider said "too fast", so the message was not taken: HTTP 429 (the providers' answers start with their
     * status), Meta's 130429 (the number's throughput) or 131056 (messages to one user).
     */
    static boolean rateLimited(String reason) {
        return reason != null && (reason.startsWith("429 ") || reason.contains("130429") || reason.contains("131056"));
    }

    private void report(List<Broadcasts.Outcome> outcomes) {
        for (Broadcasts.Outcome o : outcomes) {
            if (o.phone().test()) continue;
            if (o instanceof Broadcasts.Accepted) {
                telemetry.delivered(sender.provider(), Duration.between(o.message().at(), clock.instant()));
            } else if (o instanceof Broadcasts.Failed) {
                telemetry.deliveryFailed(sender.provider(), false);
            }
        }
    }

    private static Broadcasts.Outcome next(CompletionService<Broadcasts.Outcome> done, Duration wait) {
        try {
            Future<Broadcasts.Outcome> f = wait.isZero() ? done.poll() : done.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return f == null ? null : f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a broadcast's batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- flow broadcasts -------------------------------------------------------------------------------------

    /**
     * One recipient after the other, each in its own conversation transaction; a cancel seen between two gives the
     * rest back (no flow started for them).
     */
    private void startFlows(Broadcast b, List<Broadcasts.Leased> leased) {
        String flowUuid = ((BroadcastContent.FlowStart) b.content()).flowUuid();
        Instant checked = clock.instant();
        for (int i = 0; i < leased.size(); i++) {
            Broadcasts.Leased l = leased.get(i);
            boolean stop = cancelled.contains(b.id());
            if (!stop && clock.instant().isAfter(checked.plus(CANCEL_CHECK))) {
                checked = clock.instant();
                stop = broadcasts.status(b.id()).orElse(BroadcastStatus.CANCELLED) != BroadcastStatus.RUNNING;
            }
            if (stop) {
                broadcasts.giveBack(b.id(), leased.subList(i, leased.size()));
                return;
            }
            startFlow(b.id(), flowUuid, l.phone(), ((Broadcasts.StartFlow) l.decision()).token());
        }
    }

    private void startFlow(UUID broadcastId, String flowUuid, Phone phone, UUID token) {
        FlowCatalog.Snapshot flows = catalog.current();
        Optional<String> outcome = conversations.existing(phone, conversation -> {
            Instant now = clock.instant();
            Contact contact = conversation.contact();
            Session session = new Session(contact, conversation.unfinishedRuns(),
                    flows.roles().optin().map(Flow::uuid).orElse(null));
            FlowBroadcastStart.Outcome o = FlowBroadcastStart.start(engines.engine(flows), session,
                    flows.flow(flowUuid), now);
            String reason = o instanceof FlowBroadcastStart.Refused r ? r.reason() : null;
            if (!broadcasts.takeFlowRecipient(broadcastId, phone, token, reason)) {
                return new Conversations.Turn<>(Changes.none(), "taken");
            }
            Changes changes = o instanceof FlowBroadcastStart.Started s
                    ? Changes.of(contact).withSprint(s.sprint()) : Changes.none();
            return new Conversations.Turn<>(changes, reason == null ? "started" : reason);
        });
        if (outcome.isEmpty()) {
            broadcasts.takeFlowRecipient(broadcastId, phone, token, RefusalReason.CONTACT_INVALID.code());
        }
    }
}
