package io.consentflow.adapter.http.provider;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;
import java.util.UUID;

/** Queued outbound messages for the sender tests of every provider. */
public final class OutboundMessages {
    private OutboundMessages() {
    }

    public static Message message(OutboundContent content, String text) {
        MessageType type = content instanceof OutboundContent.Template ? MessageType.TEMPLATE
                : content instanceof OutboundContent.InteractiveContent ? MessageType.INTERACTIVE : MessageType.TEXT;
        return new Message(UUID.randomUUID(), Phone.parse("919812345678"), Direction.OUTBOUND, type, text, content,
                null, null, MessageStatus.QUEUED, null, null, Instant.now(), null, false);
    }
}
