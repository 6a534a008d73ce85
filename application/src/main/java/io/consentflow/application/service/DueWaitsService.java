package io.consentflow.application.service;

import io.consentflow.application.port.in.FireDueWaitsUseCase;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.TransactionRunner;
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
import java.util.Optional;

/**
 * Fires wait timeouts and expiries. Each contact is handled in its own transaction under the contact lock, and
 * re-checked after locking: a reply that came first, or another instance that got there first, leaves nothing
 * due, so a timeout never fires twice.
 */
public final class DueWaitsService implements FireDueWaitsUseCase {
    private final TransactionRunner tx;
    private final Contacts contacts;
    private final Messages messages;
    private final Runs runs;
    private final FlowCatalog catalog;
    private final EngineFactory engines;
    private final Clock clock;

    public DueWaitsService(TransactionRunner tx, Contacts contacts, Messages messages, Runs runs,
                           FlowCatalog catalog, EngineFactory engines, Clock clock) {
        this.tx = tx;
        this.contacts = contacts;
        this.messages = messages;
        this.runs = runs;
        this.catalog = catalog;
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    public int fireDue(int limit) {
        List<Phone> due = tx.inTransaction(() -> runs.withDueRuns(clock.instant(), limit));
        int fired = 0;
        for (Phone phone : due) {
            if (Boolean.TRUE.equals(tx.inTransaction(() -> fire(phone)))) fired++;
        }
        return fired;
    }

    private boolean fire(Phone phone) {
        Optional<Contact> found = contacts.find(phone);
        if (found.isEmpty()) return false;
        Contact contact = contacts.lockOrCreate(phone, null, clock.instant());
        // after the lock: what the timeout does is timed after whatever held the contact
        Instant now = clock.instant();
        List<Run> unfinished = runs.unfinished(phone);
        if (unfinished.isEmpty()) return false;
        Run active = unfinished.get(0);
        Resume resume;
        if (expired(active, now)) resume = new Resume.Expiry();
        else if (active.status() == RunStatus.ACTIVE && active.timeoutAt() != null && !active.timeoutAt().isAfter(now)) {
            resume = new Resume.Timeout();
        } else return false;
        FlowCatalog.Snapshot flows = catalog.current();
        Session session = new Session(contact, unfinished, flows.roles().optin().map(Flow::uuid).orElse(null));
        Sprint sprint = engines.engine(flows).resume(session, resume, now);
        contacts.save(contact);
        if (!sprint.runs().isEmpty()) runs.saveAll(sprint.runs());
        if (!sprint.messages().isEmpty()) messages.addOutbound(sprint.messages());
        return !sprint.runs().isEmpty();
    }

    private static boolean expired(Run run, Instant now) {
        return run.expiresAt() != null && !run.expiresAt().isAfter(now);
    }
}
