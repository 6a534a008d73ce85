package io.consentflow.domain.flow.run;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One contact's progress through one flow. While {@code ACTIVE} and waiting, {@code nodeUuid} is the node whose
 * router waits for a reply, {@code timeoutAt} when its wait times out (null for none) and {@code expiresAt} when
 * the run expires. A {@code SUSPENDED} run sits at an enter_flow action, waiting for its child.
 * <p>
 * Transitions are guarded: an ended run does not move, wait, resume, record results or end again, and each
 * transition names the states it starts from; a call from another state is a bug in the caller (an
 * {@link IllegalStateException} naming the run and the transition).
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
    private EndReason endReason;
    private Instant updatedAt;
    /** When this run's opt-in action ran (null: not yet); from then on it gets no opt-in exception. */
    private Instant optinRecordedAt;
    /** What went wrong without ending the run, oldest first, at most {@link #MAX_ERRORS}. */
    private final List<RunError> errors = new ArrayList<>();
    /** While paused after an action (a webhook call, a result, a delay): that action's uuid; null otherwise. */
    private String pausedAction;
    /** While paused after a webhook call: the id of the queued call whose outcome it waits for; null otherwise. */
    private UUID awaitedCall;
    /** The JSON the run's latest webhook answered ({@code @webhook}), as text; null before any. */
    private String webhook;

    /** Bounds the errors a run keeps (the latest): a flow that loops over a broken action must not grow its row. */
    public static final int MAX_ERRORS = 20;

    private Run(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt, RunStatus status,
                String nodeUuid, Map<String, RunResult> results, Instant waitingSince, Instant timeoutAt,
                Instant expiresAt, Instant endedAt, EndReason endReason, Instant updatedAt) {
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
                              EndReason endReason, Instant updatedAt) {
        return new Run(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt);
    }

    /** As {@link #restore(UUID, String, Phone, UUID, Instant, RunStatus, String, Map, Instant, Instant, Instant,
     * Instant, EndReason, Instant)}, with the time its opt-in action ran (null: not yet). */
    public static Run restore(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt,
                              RunStatus status, String nodeUuid, Map<String, RunResult> results,
                              Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant endedAt,
                              EndReason endReason, Instant updatedAt, Instant optinRecordedAt) {
        Run run = restore(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt);
        run.optinRecordedAt = optinRecordedAt;
        return run;
    }

    /** As the restore above, with the errors the run recorded. */
    public static Run restore(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt,
                              RunStatus status, String nodeUuid, Map<String, RunResult> results,
                              Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant endedAt,
                              EndReason endReason, Instant updatedAt, Instant optinRecordedAt,
                              List<RunError> errors) {
        Run run = restore(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt, optinRecordedAt);
        run.errors.addAll(errors);
        return run;
    }

    /**
     * As the restore above, with the action the run is paused after (null: none), the webhook call it waits for
     * (null: none) and its latest webhook JSON.
     */
    public static Run restore(UUID id, String flowUuid, Phone phone, UUID parentId, Instant startedAt,
                              RunStatus status, String nodeUuid, Map<String, RunResult> results,
                              Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant endedAt,
                              EndReason endReason, Instant updatedAt, Instant optinRecordedAt,
                              List<RunError> errors, String pausedAction, UUID awaitedCall, String webhook) {
        Run run = restore(id, flowUuid, phone, parentId, startedAt, status, nodeUuid, results, waitingSince,
                timeoutAt, expiresAt, endedAt, endReason, updatedAt, optinRecordedAt, errors);
        run.pausedAction = pausedAction;
        run.awaitedCall = awaitedCall;
        run.webhook = webhook;
        return run;
    }

    // ---- transitions (used by the engine) -----------------------------------------------------------------

    /** The run arrives at {@code node}. */
    public void at(String node, Instant now) {
        require(status == RunStatus.ACTIVE, "move to a node");
        this.nodeUuid = node;
        this.updatedAt = now;
    }

    /** The run pauses at {@code node} for a reply. */
    public void waitAt(String node, Instant now, Instant timeoutAt, Instant expiresAt) {
        require(status == RunStatus.ACTIVE, "wait");
        this.nodeUuid = node;
        this.pausedAction = null;
        this.awaitedCall = null;
        this.waitingSince = now;
        this.timeoutAt = timeoutAt;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    /**
     * The run pauses at {@code node} right after the action {@code action} (a webhook call, a result or a delay):
     * it waits, but not for a reply. {@code timeoutAt} (may be null) is when its delay passes.
     */
    public void pauseAt(String node, String action, Instant now, Instant timeoutAt, Instant expiresAt) {
        waitAt(node, now, timeoutAt, expiresAt);
        this.pausedAction = Objects.requireNonNull(action, "action");
    }

    /** As {@link #pauseAt}, until the webhook call {@code call} is answered (only its outcome resumes the run). */
    public void pauseForCall(String node, String action, UUID call, Instant now, Instant expiresAt) {
        pauseAt(node, action, now, null, expiresAt);
        this.awaitedCall = Objects.requireNonNull(call, "call");
    }

    /** A reply (or a timeout) arrived: no longer waiting. */
    public void resumed(Instant now) {
        require(waiting(), "resume");
        this.pausedAction = null;
        this.awaitedCall = null;
        this.waitingSince = null;
        this.timeoutAt = null;
        this.updatedAt = now;
    }

    /** The run's enter_flow at {@code node} started a child: it waits for the child to end. */
    public void suspendFor(String node, Instant now, Instant expiresAt) {
        require(status == RunStatus.ACTIVE, "suspend");
        this.status = RunStatus.SUSPENDED;
        this.nodeUuid = node;
        this.waitingSince = now;
        this.timeoutAt = null;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    /** Its child ended: the parent continues. */
    public void reactivate(Instant now) {
        require(status == RunStatus.SUSPENDED, "reactivate");
        this.status = RunStatus.ACTIVE;
        this.waitingSince = null;
        this.updatedAt = now;
    }

    /** Ends the run {@code how}, with a reason or none (null). */
    public void end(RunStatus how, EndReason reason, Instant now) {
        if (!how.ended()) throw new IllegalArgumentException("not an ending: " + how);
        require(!status.ended(), "end " + how.wire());
        this.status = how;
        this.endReason = reason;
        this.endedAt = now;
        this.pausedAction = null;
        this.awaitedCall = null;
        this.waitingSince = null;
        this.timeoutAt = null;
        this.expiresAt = null;
        this.updatedAt = now;
    }

    /** The run's opt-in action ran: its messages no longer get the opt-in flow's exception. */
    public void optinRecorded(Instant now) {
        require(!status.ended(), "record the opt-in");
        if (optinRecordedAt == null) optinRecordedAt = now;
        this.updatedAt = now;
    }

    /** Something went wrong and the run goes on (goflow's error event); the oldest beyond the bound are dropped. */
    public void recordError(RunError error) {
        require(!status.ended(), "record an error");
        errors.add(error);
        if (errors.size() > MAX_ERRORS) errors.remove(0);
        updatedAt = error.at();
    }

    /** A webhook answered {@code json} (its body as text): what {@code @webhook} reads from now on. */
    public void webhookAnswered(String json, Instant now) {
        require(!status.ended(), "keep a webhook's answer");
        this.webhook = json;
        this.updatedAt = now;
    }

    public void saveResult(RunResult result) {
        require(!status.ended(), "save a result");
        results.put(RunResult.key(result.name()), result);
        updatedAt = result.at();
    }

    private void require(boolean allowed, String transition) {
        if (!allowed) {
            throw new IllegalStateException("run " + id + " is " + status.wire() + (waiting() ? " (waiting)" : "")
                    + ": cannot " + transition);
        }
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
    /** Why the run ended, when the ending has a reason. */
    public Optional<EndReason> endReason() { return Optional.ofNullable(endReason); }
    public Instant updatedAt() { return updatedAt; }
    public Instant optinRecordedAt() { return optinRecordedAt; }
    public boolean waiting() { return status == RunStatus.ACTIVE && waitingSince != null; }
    /** Waiting for the contact's reply (a router's wait), not paused after an action. */
    public boolean awaitsReply() { return waiting() && pausedAction == null; }
    /** The action the run is paused after (a webhook call, a result, a delay); null when not paused. */
    public String pausedAction() { return pausedAction; }
    /** The webhook call the run is paused for; null when not paused for one. */
    public UUID awaitedCall() { return awaitedCall; }
    /** The JSON text the run's latest webhook answered, for {@code @webhook}; null before any. */
    public String webhook() { return webhook; }
    public boolean ended() { return status.ended(); }
    public List<RunError> errors() { return Collections.unmodifiableList(errors); }

}
