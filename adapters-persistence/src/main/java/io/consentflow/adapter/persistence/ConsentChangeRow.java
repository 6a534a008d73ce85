package io.consentflow.adapter.persistence;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A {@code consent_history} row, without its phone and id; states and method as their wire names. */
record ConsentChangeRow(String from, String to, String method, String evidence, String flowUuid, Instant at,
                        String topic) {

    static final String COLUMNS = "from_status, to_status, method, evidence, flow_uuid, at, topic";

    static ConsentChangeRow of(ConsentChange c) {
        return new ConsentChangeRow(c.from().wire(), c.to().wire(), c.method() == null ? null : c.method().wire(),
                c.evidence(), c.flowUuid(), c.at(), c.topic().wire());
    }

    static ConsentChangeRow read(ResultSet rs) throws SQLException {
        return new ConsentChangeRow(rs.getString("from_status"), rs.getString("to_status"), rs.getString("method"),
                rs.getString("evidence"), rs.getString("flow_uuid"), Times.instant(rs, "at"), rs.getString("topic"));
    }

    ConsentChange toChange() {
        return new ConsentChange(ConsentState.fromWire(from), ConsentState.fromWire(to),
                method == null ? null : ConsentMethod.fromWire(method), evidence, flowUuid, at,
                ConsentTopic.fromWire(topic));
    }
}
