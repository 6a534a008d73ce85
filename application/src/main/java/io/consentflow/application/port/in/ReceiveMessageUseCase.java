package io.consentflow.application.port.in;

import io.consentflow.domain.message.InboundMessage;

/** One inbound message, end to end, in one transaction. */
public interface ReceiveMessageUseCase {
    Receipt receive(InboundMessage message);

    /**
     * @param duplicate  the provider id was seen before: nothing changed
     * @param messageId  the stored message (null for a duplicate)
     * @param decision   what the message did, for logs and tests (e.g. "started flow ...", "resumed run")
     */
    record Receipt(boolean duplicate, java.util.UUID messageId, String decision) {
    }
}
