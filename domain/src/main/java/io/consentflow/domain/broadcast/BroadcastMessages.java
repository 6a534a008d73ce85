package io.consentflow.domain.broadcast;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The message a template broadcast gives one recipient, made when it is to leave: the template's entry in the
 * recipient's language (else the name's default), its body filled with the broadcast's parameters. The send policy
 * then judges it as any message leaving ({@code SendPolicy.decideAtSend}): never as the opt-in flow's.
 */
public final class BroadcastMessages {
    /** Why a recipient's message could not even be made: the registry lost the template since the broadcast was made. */
    public static final String TEMPLATE_GONE = "template_not_found";

    private BroadcastMessages() {
    }

    /**
     * The recipient's message, or empty when the registry no longer holds the name with as many parameters as the
     * broadcast gives (deleted, or changed since the broadcast was checked).
     *
     * @param contact the recipient as it is now (null: no such contact; the default language is used)
     */
    public static Optional<OutboundMessage> template(BroadcastContent.TemplateSend send, TemplateBook book,
                                                     Phone phone, Contact contact, UUID id, Instant now) {
        Optional<MessageTemplate> picked = book.pick(send.name(),
                contact == null ? Optional.empty() : contact.knownLanguage());
        if (picked.isEmpty() || picked.get().params() != send.params().size()) return Optional.empty();
        MessageTemplate t = picked.get();
        return Optional.of(OutboundMessage.queued(id, phone, MessageType.TEMPLATE, t.render(send.params()),
                OutboundContent.Template.of(t, send.params()), null, null, false, now, null));
    }
}
