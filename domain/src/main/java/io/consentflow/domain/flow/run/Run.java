package io.consentflow.domain.flow.run;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One contact's progress through one flow. While {@code ACTIVE} and waiting, {@code nodeUuid} is the node whose
 * router waits for a reply, {@code timeoutAt} when its wait times out (null for none) and {@code expiresAt} when
 * the run expires. A {@code SUSPENDED} run sits at an enter_flow action, waiting for its child.
 */
public final class Run {
    private final UUID id;
    private final String flowUuid;
    private final Phone phone;
    private final UUID parentId;
    private final Instant startedAt;
    private RunStatus status;
    private String nodeUuid;
    private final Map<String, RunResult> results;
    private Instant waitingSince;
    private Instant timeoutAt;
    private Instant expiresAt;
    private Instant endedAt;
    private String endReason;
    private Instant updatedAt;
    /** When this run's opt-in action ran (null: not yet); from then on it gets no opt-in exception. */
    private Instant optinRecordedAt;

    private Run(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt, RunStatus status,
                String nodeUuid, Map<String, RunResult> results, Instant waitingSince, Instant timeoutAt,
                Instant expiresAt, Instant endedAt, String endReason, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.flowUuid = Objects.requireNonNull(flowUuid, "flowUuid");
        this.phone = Objects.requireNonNull(phone, "phone");
        this.parentId = parentId;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.status = Objects.requireNonNull(status, "status");
        this.nodeUuid = nodeUuid;
        this.results = new LinkedHashMap<>(results == null ? Map.of() : results);
        this.waitingSince = waitingSince;
        this.timeoutAt = timeoutAt;
        this.expiresAt = expiresAt;
        this.endedAt = endedAt;
        this.endReason = endReason;
        this.updatedAt = updatedAt == null ? startedAt : updatedAt;
    }

    public static Run start(UUID id, String flowUuid, Phone phone, UUID parentId, Instant now) {
        return new Run(id, flowUuid, phone, parentId, now, RunStatus.ACTIVE, null, Map.of(), null, null, null,
                null, null, now);
    }

    public static Run restore(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt,
                              RunStatus status, String nodeUuid, Map<String, RunResult> results,
                              Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant endedAt,
                              String endReason, Instant updatedAt) {
        return new Run(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt);
    }

    /** As {@link #restore(UUID, String, Phone, UUID, Instant, RunStatus, String, Map, Instant, Instant, Instant,
     * Instant, String, Instant)}, with the time its opt-in action ran (null: not yet). */
    public static Run restore(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt,
                              RunStatus status, String nodeUuid, Map<String, RunResult> results,
                              Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant endedAt,
                              String endReason, Instant updatedAt, Instant optinRecordedAt) {
        Run run = restore(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt);
        run.optinRecordedAt = optinRecordedAt;
        return run;
    }

    // ---- transitions (used by the engine) -----------------------------------------------------------------

    public void at(String node, Instant now) {
        this.nodeUuid = node;
        this.updatedAt = now;
    }

    public void waitAt(String node, Instant now, Instant timeoutAt, Instant expiresAt) {
        this.status = RunStatus.ACTIVE;
        this.nodeUuid = node;
        this.waitingSince = now;
        this.timeoutAt = timeoutAt;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    /** A reply (or a timeout) arrived: no longer waiting. */
    public void resumed(Instant now) {
        this.waitingSince = null;
        this.timeoutAt = null;
        this.updatedAt = now;
    }

    public void suspendFor(String node, Instant now, Instant expiresAt) {
        this.status = RunStatus.SUSPENDED;
        this.nodeUuid = node;
        this.waitingSince = now;
        this.timeoutAt = null;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    public void reactivate(Instant now) {
        this.status = RunStatus.ACTIVE;
        this.waitingSince = null;
        this.updatedAt = now;
    }

    public void end(RunStatus how, String reason, Instant now) {
        if (!how.ended()) throw new IllegalArgumentException("not an ending: " + how);
        if (status.ended()) return;
        this.status = how;
        this.endReason = reason;
        this.endedAt = now;
        this.waitingSince = null;
        this.timeoutAt = null;
        this.expiresAt = null;
        this.updatedAt = now;
    }

    /** The run's opt-in action ran: its messages no longer get the opt-in flow's exception. */
    public void optinRecorded(Instant now) {
        if (optinRecordedAt == null) optinRecordedAt = now;
        this.updatedAt = now;
    }

    public void saveResult(RunResult result) {
        results.put(RunResult.key(result.name()), result);
        updatedAt = result.at();
    }

    // ---- reading -----------------------------------------------------------------------------------------

    public UUID id() { return id; }
    public String flowUuid() { return flowUuid; }
    public Phone phone() { return phone; }
    public UUID parentId() { return parentId; }
    public Instant startedAt() { return startedAt; }
    public RunStatus status() { return status; }
    public String nodeUuid() { return nodeUuid; }
    public Map<String, RunResult> results() { return Collections.unmodifiableMap(results); }
    public Instant waitingSince() { return waitingSince; }
    public Instant timeoutAt() { return timeoutAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant endedAt() { return endedAt; }
    public String endReason() { return endReason; }
    public Instant updatedAt() { return updatedAt; }
    public Instant optinRecordedAt() { return optinRecordedAt; }
    public boolean waiting() { return status == RunStatus.ACTIVE && waitingSince != null; }
    public boolean ended() { return status.ended(); }

}
