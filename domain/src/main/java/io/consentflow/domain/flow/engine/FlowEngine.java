package io.consentflow.domain.flow.engine;

import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.policy.SendPolicy;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs flows, purely: given a session and a trigger or a resume, it moves runs through nodes until a wait,
 * a child flow's wait, or the end, and returns what changed. No I/O.
 */
public final class FlowEngine {
    private final FlowLookup flows;
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;

    public FlowEngine(FlowLookup flows, SendPolicy sendPolicy, Supplier<UUID> ids) {
        this.flows = flows;
        this.sendPolicy = sendPolicy;
        this.ids = ids;
    }

    /** Ends the session's unfinished runs as interrupted, then starts {@code flow} at its start node. */
    public Sprint start(Flow flow, Session session, Trigger trigger, Instant now) {
        throw new IllegalStateException("engine pending");
    }

    /** Resumes the session's active run, which must be waiting. */
    public Sprint resume(Session session, Resume resume, Instant now) {
        throw new IllegalStateException("engine pending");
    }
}
