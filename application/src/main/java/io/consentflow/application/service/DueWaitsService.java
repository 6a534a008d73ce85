package io.consentflow.application.service;

import io.consentflow.application.port.in.FireDueWaitsUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fires wait timeouts and expiries. Each contact is handled in its own transaction under the contact lock, and
 * re-checked after locking: a reply that came first, or another instance that got there first, leaves nothing
 * due, so a timeout never fires twice.
 */
public final class DueWaitsService implements FireDueWaitsUseCase {
    private final Conversations conversations;
    private final Runs runs;
    private final FlowCatalog catalog;
    private final EngineFactory engines;
    private final Clock clock;

    public DueWaitsService(Conversations conversations, Runs runs, FlowCatalog catalog, EngineFactory engines,
                           Clock clock) {
        this.conversations = conversations;
        this.runs = runs;
        this.catalog = catalog;
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    public int fireDue(int limit) {
        List<Phone> due = runs.withDueRuns(clock.instant(), limit);
        int fired = 0;
        for (Phone phone : due) {
            if (conversations.existing(phone, this::fire).orElse(false)) fired++;
        }
        return fired;
    }

    private Conversations.Turn<Boolean> fire(Conversation conversation) {
        // after the lock: what the timeout does is timed after whatever held the contact
        Instant now = clock.instant();
        List<Run> unfinished = conversation.unfinishedRuns();
        if (unfinished.isEmpty()) return new Conversations.Turn<>(Changes.none(), false);
        Run active = unfinished.get(0);
        Resume resume;
        if (expired(active, now)) resume = new Resume.Expiry();
        else if (active.status() == RunStatus.ACTIVE && active.timeoutAt() != null && !active.timeoutAt().isAfter(now)) {
            resume = new Resume.Timeout();
        } else return new Conversations.Turn<>(Changes.none(), false);
        Contact contact = conversation.contact();
        FlowCatalog.Snapshot flows = catalog.current();
        Session session = new Session(contact, unfinished, flows.roles().optin().map(Flow::uuid).orElse(null));
        Sprint sprint = engines.engine(flows).resume(session, resume, now);
        Changes changes = Changes.of(contact).withRuns(sprint.runs()).withOutbound(sprint.messages())
                .withCalls(sprint.calls());
        return new Conversations.Turn<>(changes, !sprint.runs().isEmpty());
    }

    private static boolean expired(Run run, Instant now) {
        return run.expiresAt() != null && !run.expiresAt().isAfter(now);
    }
}
