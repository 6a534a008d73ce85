package io.consentflow.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A {@code messages} row: wire strings and the content's JSON text. */
record MessageRow(UUID id, String phone, String direction, String type, String text, String content,
                  String provider, String providerId, String status, String flowUuid, String reason, Instant at,
                  UUID runId, boolean optinAsk) {

    static final String COLUMNS = "id, phone, direction, type, text, content, provider, provider_id, status, "
            + "flow_uuid, reason, at, run_id, optin_ask";

    static MessageRow read(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getObject("id", UUID.class), rs.getString("phone"), rs.getString("direction"),
                rs.getString("type"), rs.getString("text"), rs.getString("content"), rs.getString("provider"),
                rs.getString("provider_id"), rs.getString("status"), rs.getString("flow_uuid"),
                rs.getString("reason"), Times.instant(rs, "at"), rs.getObject("run_id", UUID.class),
                rs.getBoolean("optin_ask"));
    }
}
