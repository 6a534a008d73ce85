package io.consentflow.adapter.persistence;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.message.RefusalReason;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A {@code messages} row: wire strings and the content's JSON text. Both directions share the table; the
 * {@code reason} column holds a refused message's {@link RefusalReason#code()} and a failed one's provider words;
 * {@code content} an outbound message's content and an inbound one's media.
 */
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

    static MessageRow of(Message message) {
        if (message instanceof OutboundMessage o) {
            return new MessageRow(o.id(), o.phone().digits(), Direction.OUTBOUND.wire(), o.type().wire(), o.text(),
                    StoredJson.content(o.content()), o.provider(), o.providerId(), o.status().wire(),
                    o.flowUuid(), o.refusal() != null ? o.refusal().code() : o.failure(), o.at(), o.runId(),
                    o.optinAsk());
        }
        ReceivedMessage r = (ReceivedMessage) message;
        // an inbound message's media is kept in the content column, in the same shape as an outbound one's
        String media = r.media() == null ? null : StoredJson.content(new OutboundContent.MediaContent(r.media()));
        return new MessageRow(r.id(), r.phone().digits(), Direction.INBOUND.wire(), r.type().wire(), r.text(), media,
                r.provider(), r.providerId(), MessageStatus.RECEIVED.wire(), null, null, r.at(), null, false);
    }

    Message toMessage() {
        return switch (Direction.fromWire(direction)) {
            case INBOUND -> new ReceivedMessage(id, new Phone(phone), messageType(), text, provider, providerId, at,
                    StoredJson.content(content) instanceof OutboundContent.MediaContent m ? m.media() : null);
            case OUTBOUND -> toOutbound();
        };
    }

    /**
     * An outbound row. A refused one's reason reads back as its {@link RefusalReason}; a reason no refusal has
     * (never written so, but readable all the same) is kept as words.
     */
    OutboundMessage toOutbound() {
        if (Direction.fromWire(direction) != Direction.OUTBOUND) throw new IllegalStateException("not outbound: " + id);
        MessageStatus s = MessageStatus.fromWire(status);
        RefusalReason refusal = s == MessageStatus.REFUSED ? RefusalReason.fromCode(reason).orElse(null) : null;
        return new OutboundMessage(id, new Phone(phone), messageType(), text, StoredJson.content(content), s,
                flowUuid, runId, optinAsk, at, provider, providerId, refusal, refusal == null ? reason : null);
    }

    private MessageType messageType() {
        return MessageType.fromWire(type)
                .orElseThrow(() -> new IllegalStateException("unknown message type in the database: " + type));
    }
}
