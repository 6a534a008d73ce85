package io.consentflow.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A {@code consent_history} row, without its phone and id. */
record ConsentChangeRow(String from, String to, String method, String evidence, String flowUuid, Instant at) {

    static final String COLUMNS = "from_status, to_status, method, evidence, flow_uuid, at";

    static ConsentChangeRow read(ResultSet rs) throws SQLException {
        return new ConsentChangeRow(rs.getString("from_status"), rs.getString("to_status"), rs.getString("method"),
                rs.getString("evidence"), rs.getString("flow_uuid"), Times.instant(rs, "at"));
    }
}
