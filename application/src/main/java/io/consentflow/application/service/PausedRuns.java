package io.consentflow.application.service;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Resumes a run paused after an action (a webhook call, a result) inside its contact's opened conversation, as the
 * due-waits service resumes timeouts: only when that run is still the contact's paused active run, so an answer
 * that comes after the run moved on (a keyword started another flow, the outcome was applied already) changes
 * nothing.
 */
final class PausedRuns {
    private final FlowCatalog catalog;
    private final EngineFactory engines;
    private final Clock clock;

    PausedRuns(FlowCatalog catalog, EngineFactory engines, Clock clock) {
        this.catalog = catalog;
        this.engines = engines;
        this.clock = clock;
    }

    /** The changes of resuming {@code runId} with {@code resume}; null when the run is not paused, or did not move. */
    Changes resume(Conversation conversation, UUID runId, Resume resume) {
        List<Run> unfinished = conversation.unfinishedRuns();
        if (unfinished.isEmpty()) return null;
        Run active = unfinished.get(0);
        if (!active.id().equals(runId) || !active.waiting() || active.pausedAction() == null) return null;
        // after the lock: the resume is timed after whatever held the contact
        Instant now = clock.instant();
        Contact contact = conversation.contact();
        FlowCatalog.Snapshot flows = catalog.current();
        Session session = new Session(contact, unfinished, flows.roles().optin().map(Flow::uuid).orElse(null));
        Sprint sprint = engines.engine(flows).resume(session, resume, now);
        if (sprint.runs().isEmpty()) return null;
        return Changes.of(contact).withSprint(sprint);
    }
}
