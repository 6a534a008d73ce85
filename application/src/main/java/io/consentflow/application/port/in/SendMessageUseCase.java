package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.RefusalReason;

import java.util.List;

/** A message sent through the admin API, under the same send policy as flows. */
public interface SendMessageUseCase {
    /**
     * @return the queued message
     * @throws SendRefusedException when the send policy refuses it (the refusal is stored too)
     * @throws ContactNotFoundException for an unknown phone
     */
    OutboundMessage send(Phone phone, OutboundContent content);

    /**
     * A template by name. A registered name goes in {@code language} when given (it must be registered in it), else
     * in the contact's language, else in the template's default (its first registered language), as the registry
     * says (category, provider id, body). A name the registry does not know goes as named when a language is given
     * (judged as a marketing template), and is refused without one.
     *
     * @throws TemplateNotFoundException       for a name or language the registry cannot give
     * @throws TemplateParamsMismatchException for a registered template given more or fewer parameters than its
     *                                         placeholders (nothing is stored)
     * @throws SendRefusedException            as {@link #send}
     * @throws ContactNotFoundException        as {@link #send}
     */
    OutboundMessage sendTemplate(Phone phone, TemplateRequest request);

    /** @param language null for the contact's */
    record TemplateRequest(String name, String language, List<String> params) {
        public TemplateRequest {
            java.util.Objects.requireNonNull(name, "name");
            params = List.copyOf(params);
        }
    }

    final class TemplateNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean language;

        /** @param language whether the name is known and only the language is not */
        public TemplateNotFoundException(String message, boolean language) {
            super(message);
            this.language = language;
        }

        public boolean language() {
            return language;
        }
    }

    final class TemplateParamsMismatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TemplateParamsMismatchException(String name, String language, int expected, int given) {
            super("template '" + name + "' (" + language + ") takes " + expected + " parameters, " + given
                    + " given");
        }
    }

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
