package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.RefusalReason;

/** A message sent through the admin API, under the same send policy as flows. */
public interface SendMessageUseCase {
    /**
     * @return the queued message
     * @throws SendRefusedException when the send policy refuses it (the refusal is stored too)
     * @throws ContactNotFoundException for an unknown phone
     */
    OutboundMessage send(Phone phone, OutboundContent content);

    final class SendRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RefusalReason reason;
        private final transient OutboundMessage message;

        public SendRefusedException(RefusalReason reason, OutboundMessage message) {
            super("refused: " + reason.code());
            this.reason = reason;
            this.message = message;
        }

        public RefusalReason reason() {
            return reason;
        }

        public OutboundMessage message() {
            return message;
        }
    }

    final class ContactNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ContactNotFoundException(Phone phone) {
            super("no contact with phone " + phone.masked());
        }
    }
}
