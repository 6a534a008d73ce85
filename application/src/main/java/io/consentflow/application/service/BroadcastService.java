package io.consentflow.application.service;

import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.broadcast.BroadcastTally;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Broadcasts as the API sees them. Creating one checks what it names (the template and its parameters, the flow,
 * the group or each phone) and records it: nothing more, so it answers at once whatever the audience's size; the
 * recipients are fixed by {@link BroadcastSender#startDue} when it starts. Cancelling waits until nothing of the
 * broadcast can still reach a provider.
 */
public final class BroadcastService implements ManageBroadcastsUseCase {
    /** How often a cancel looks whether the broadcast's calls in flight have ended. */
    static final Duration CANCEL_POLL = Duration.ofMillis(50);

    private final Broadcasts broadcasts;
    private final Supplier<TemplateBook> templates;
    private final FlowCatalog flows;
    private final Supplier<UUID> ids;
    private final Clock clock;
    private final Runnable created;
    private final Consumer<UUID> cancelled;

    /**
     * @param created   told after a broadcast is recorded (the worker that fixes recipients looks at once)
     * @param cancelled told after a broadcast is marked cancelled (this instance's sender stops its calls at once)
     */
    public BroadcastService(Broadcasts broadcasts, Supplier<TemplateBook> templates, FlowCatalog flows,
                            Supplier<UUID> ids, Clock clock, Runnable created, Consumer<UUID> cancelled) {
        this.broadcasts = broadcasts;
        this.templates = templates;
        this.flows = flows;
        this.ids = ids;
        this.clock = clock;
        this.created = created;
        this.cancelled = cancelled;
    }

    @Override
    public BroadcastView create(NewBroadcast request) {
        check(request.content());
        check(request.audience());
        Instant now = clock.instant();
        Broadcast b = Broadcast.scheduled(ids.get(), request.name(), request.content(), request.audience(),
                request.at() == null ? now : request.at(), now);
        broadcasts.create(b);
        created.run();
        return new BroadcastView(b, BroadcastTally.of(0, Map.of()));
    }

    private void check(BroadcastContent content) {
        if (content instanceof BroadcastContent.TemplateSend t) {
            TemplateBook book = templates.get();
            if (!book.knows(t.name())) {
                throw new InvalidBroadcastException("template.name", "template_not_found",
                        "no template named '" + t.name() + "' is registered");
            }
            // every language of the name is filled with the same parameters, whichever a recipient gets
            for (MessageTemplate entry : book.all()) {
                if (entry.name().equals(t.name()) && entry.params() != t.params().size()) {
                    throw new InvalidBroadcastException("template.params", "template_params_mismatch",
                            "template '" + t.name() + "' (" + entry.language() + ") takes " + entry.params()
                                    + " parameter(s), " + t.params().size() + " given");
                }
            }
            return;
        }
        String uuid = ((BroadcastContent.FlowStart) content).flowUuid();
        Optional<Flow> flow = flows.current().flow(uuid);
        if (flow.isEmpty()) throw new InvalidBroadcastException("flow", "flow_not_found", "no flow " + uuid);
        if (!flow.get().active()) {
            throw new InvalidBroadcastException("flow", "flow_inactive", "flow " + uuid
                    + " is switched off: activate it first");
        }
    }

    private void check(Audience audience) {
        if (audience instanceof Audience.Group g) {
            if (!broadcasts.groupExists(g.id())) {
                throw new InvalidBroadcastException("to.group", "group_not_found", "no group " + g.id());
            }
            return;
        }
        List<Phone> unknown = broadcasts.withoutContact(((Audience.Phones) audience).phones());
        if (!unknown.isEmpty()) {
            throw new InvalidBroadcastException("to.phones", "contact_not_found", unknown.size()
                    + " phone(s) have no contact, e.g. " + unknown.get(0).masked());
        }
    }

    @Override
    public List<BroadcastView> list(UUID after, int limit) {
        List<Broadcast> page = broadcasts.page(after, limit);
        Map<UUID, Map<String, Long>> buckets = broadcasts.buckets(page.stream().map(Broadcast::id).toList());
        return page.stream().map(b -> view(b, buckets.getOrDefault(b.id(), Map.of()))).toList();
    }

    @Override
    public List<BroadcastView> running(int limit) {
        List<Broadcast> page = broadcasts.running(limit);
        Map<UUID, Map<String, Long>> buckets = broadcasts.buckets(page.stream().map(Broadcast::id).toList());
        return page.stream().map(b -> view(b, buckets.getOrDefault(b.id(), Map.of()))).toList();
    }

    @Override
    public Optional<BroadcastView> find(UUID id) {
        return broadcasts.find(id).map(this::view);
    }

    /**
     * Marks it cancelled (after any claim in progress commits: the claim holds the broadcast's row shared), tells
     * this instance's sender, then waits while a recipient of it is leased: its call may be in flight. Senders
     * start no call of a cancelled broadcast (each looks every {@code BroadcastSender.CANCEL_CHECK}) and no call
     * outlives its lease, so the wait ends when the calls that had started end, at most a lease after an instance
     * died mid-batch.
     */
    @Override
    public Optional<BroadcastView> cancel(UUID id) {
        Optional<Broadcast> found = broadcasts.find(id);
        if (found.isEmpty()) return Optional.empty();
        if (found.get().status() == BroadcastStatus.DONE) throw new BroadcastFinishedException(id);
        Broadcast now = broadcasts.cancel(id, clock.instant()).orElseThrow();
        if (now.status() == BroadcastStatus.DONE) throw new BroadcastFinishedException(id);
        cancelled.accept(id);
        long polls = BroadcastSender.LEASE.plusSeconds(1).toMillis() / CANCEL_POLL.toMillis();
        for (long i = 0; i < polls && broadcasts.inFlight(id, clock.instant()); i++) {
            try {
                Thread.sleep(CANCEL_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broadcast's calls to end", e);
            }
        }
        return Optional.of(view(now));
    }

    private BroadcastView view(Broadcast b) {
        return view(b, broadcasts.buckets(List.of(b.id())).getOrDefault(b.id(), Map.of()));
    }

    private static BroadcastView view(Broadcast b, Map<String, Long> buckets) {
        return new BroadcastView(b, BroadcastTally.of(b.recipients(), buckets));
    }
}
