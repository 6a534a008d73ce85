package io.consentflow.adapter.http.admin;

import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;

import java.util.List;

/**
 * Stored messages to JSON, by hand: both directions give the same object, and an outbound message adds its
 * {@code reason} (a refusal's code or the provider's words) and its {@code flow}, which are decisions rather than
 * copies of fields; a template shows its name, language and parameters, media (either direction) its URL and
 * caption.
 */
final class MessageJsonMapper {

    MessageJson toJson(Message m) {
        String reason = null;
        String flow = null;
        MessageJson.TemplateJson template = null;
        Media media = null;
        if (m instanceof OutboundMessage o) {
            reason = o.refusal() != null ? o.refusal().code() : o.failure();
            flow = o.flowUuid();
            if (o.content() instanceof OutboundContent.Template t) {
                template = new MessageJson.TemplateJson(t.name(), t.language(), t.params());
            } else if (o.content() instanceof OutboundContent.MediaContent c) {
                media = c.media();
            }
        } else {
            media = ((ReceivedMessage) m).media();
        }
        return new MessageJson(m.id(), m.direction().wire(), m.type().wire(), m.text(), m.status().wire(), m.at(),
                reason, flow, template, media == null ? null : new MessageJson.MediaJson(media.url(), media.caption()));
    }

    List<MessageJson> toJson(List<? extends Message> messages) {
        return messages.stream().map(this::toJson).toList();
    }
}
