package io.consentflow.adapter.http.admin;

import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;

import java.util.List;

/**
 * Stored messages to JSON, by hand: both directions give the same object, and an outbound message adds its
 * {@code reason} (a refusal's code or the provider's words) and its {@code flow}, which are decisions rather than
 * copies of fields.
 */
final class MessageJsonMapper {

    MessageJson toJson(Message m) {
        String reason = null;
        String flow = null;
        if (m instanceof OutboundMessage o) {
            reason = o.refusal() != null ? o.refusal().code() : o.failure();
            flow = o.flowUuid();
        }
        return new MessageJson(m.id(), m.direction().wire(), m.type().wire(), m.text(), m.status().wire(), m.at(),
                reason, flow);
    }

    List<MessageJson> toJson(List<? extends Message> messages) {
        return messages.stream().map(this::toJson).toList();
    }
}
