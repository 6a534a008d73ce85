package io.consentflow.adapter.http.provider;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;
import java.util.UUID;

/** Queued outbound messages for the sender tests of every provider. */
public final class OutboundMessages {
    private OutboundMessages() {
    }

    public static OutboundMessage message(OutboundContent content, String text) {
        MessageType type = content instanceof OutboundContent.Template ? MessageType.TEMPLATE
                : content instanceof OutboundContent.InteractiveContent ? MessageType.INTERACTIVE
                : content instanceof OutboundContent.MediaContent m ? m.media().type() : MessageType.TEXT;
        return OutboundMessage.queued(UUID.randomUUID(), Phone.parse("919812345678"), type, text, content, null,
                null, false, Instant.now(), null);
    }
}
