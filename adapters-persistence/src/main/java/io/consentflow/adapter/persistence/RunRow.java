package io.consentflow.adapter.persistence;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@code runs} row. Mapped by hand: {@link Run} is a class with a factory. Results are one JSON object keyed by
 * result key: {@code {"name","value","category","input","node_uuid","at"}}, errors a JSON array or null for none
 * ({@link StoredJson}). A paused run has its action's uuid, the webhook call it waits for and the JSON its latest
 * webhook answered, each null for none.
 */
record RunRow(UUID id, String flowUuid, String phone, UUID parentId, String status, String nodeUuid,
              String resultsJson, Instant waitingSince, Instant timeoutAt, Instant expiresAt, Instant startedAt,
              Instant endedAt, String endReason, Instant updatedAt, Instant optinRecordedAt, String errorsJson,
              String pausedAction, UUID awaitedCall, String webhook) {

    static final String COLUMNS = "id, flow_uuid, phone, parent_id, status, node_uuid, results, waiting_since, "
            + "timeout_at, expires_at, started_at, ended_at, end_reason, updated_at, optin_recorded_at, errors, "
            + "paused_action, awaited_call, webhook";

    static RunRow of(Run r) {
        return new RunRow(r.id(), r.flowUuid(), r.phone().digits(), r.parentId(), r.status().wire(), r.nodeUuid(),
                StoredJson.results(r.results()), r.waitingSince(), r.timeoutAt(), r.expiresAt(), r.startedAt(),
                r.endedAt(), r.endReason().map(EndReason::wire).orElse(null), r.updatedAt(), r.optinRecordedAt(),
                StoredJson.errors(r.errors()), r.pausedAction(), r.awaitedCall(), r.webhook());
    }

    static RunRow read(ResultSet rs) throws SQLException {
        return new RunRow(rs.getObject("id", UUID.class), rs.getString("flow_uuid"), rs.getString("phone"),
                rs.getObject("parent_id", UUID.class), rs.getString("status"), rs.getString("node_uuid"),
                rs.getString("results"), Times.instant(rs, "waiting_since"), Times.instant(rs, "timeout_at"),
                Times.instant(rs, "expires_at"), Times.instant(rs, "started_at"), Times.instant(rs, "ended_at"),
                rs.getString("end_reason"), Times.instant(rs, "updated_at"), Times.instant(rs, "optin_recorded_at"),
                rs.getString("errors"), rs.getString("paused_action"), rs.getObject("awaited_call", UUID.class),
                rs.getString("webhook"));
    }

    Run toRun() {
        return Run.restore(id, flowUuid, new Phone(phone), parentId, startedAt, RunStatus.fromWire(status), nodeUuid,
                StoredJson.results(resultsJson), waitingSince, timeoutAt, expiresAt, endedAt,
                EndReason.fromWire(endReason), updatedAt, optinRecordedAt, StoredJson.errors(errorsJson), pausedAction,
                awaitedCall, webhook);
    }
}
