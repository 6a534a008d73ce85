package io.consentflow.application.service;

import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** API sends pass the same send policy as flow messages; a refusal is stored with its reason, then reported. */
public final class SendService implements SendMessageUseCase {
    private final Conversations conversations;
    private final SendPolicy policy;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final Telemetry telemetry;
    private final Supplier<TemplateBook> templates;

    public SendService(Conversations conversations, SendPolicy policy, Clock clock, Supplier<UUID> ids,
                       Telemetry telemetry) {
        this(conversations, policy, clock, ids, telemetry, () -> TemplateBook.EMPTY);
    }

    /** @param templates the registry templates sent by name are picked from */
    public SendService(Conversations conversations, SendPolicy policy, Clock clock, Supplier<UUID> ids,
                       Telemetry telemetry, Supplier<TemplateBook> templates) {
        this.templates = templates;
        this.conversations = conversations;
        this.policy = policy;
        this.clock = clock;
        this.ids = ids;
        this.telemetry = telemetry;
    }

    @Override
    public OutboundMessage send(Phone phone, OutboundContent content) {
        return send(phone, contact -> new Chosen(content, textOf(content)));
    }

    /** The template is chosen once the contact is found (an unknown phone is a 404 whatever the template). */
    @Override
    public OutboundMessage sendTemplate(Phone phone, TemplateRequest request) {
        TemplateBook book = templates.get();
        return send(phone, contact -> {
            if (!book.knows(request.name())) {
                if (request.language() == null) {
                    throw new TemplateNotFoundException("no template named '" + request.name() + "' is registered: "
                            + "register it, or give its language to send it as the provider knows it", false);
                }
                OutboundContent.Template named = new OutboundContent.Template(request.name(), request.language(),
                        request.params());
                return new Chosen(named, textOf(named));
            }
            MessageTemplate t = (request.language() != null ? book.find(request.name(), request.language())
                    : book.pick(request.name(), contact.knownLanguage())).orElseThrow(() ->
                    new TemplateNotFoundException("template '" + request.name() + "' is not registered in language '"
                            + request.language() + "'", true));
            if (t.params() != request.params().size()) {
                throw new TemplateParamsMismatchException(t.name(), t.language(), t.params(), request.params().size());
            }
            return new Chosen(OutboundContent.Template.of(t, request.params()), t.render(request.params()));
        });
    }

    /** What goes to the contact, chosen once its conversation is open (a template by its language). */
    private record Chosen(OutboundContent content, String text) {
    }

    private OutboundMessage send(Phone phone, java.util.function.Function<Contact, Chosen> choose) {
        Outcome outcome = conversations.existing(phone, conversation -> {
            Instant now = clock.instant();
            Contact contact = conversation.contact();
            Chosen chosen = choose.apply(contact);
            OutboundContent content = chosen.content();
            SendDecision decision = policy.decide(contact, content, false, now);
            RefusalReason refusal = decision instanceof SendDecision.Refused r ? r.reason() : null;
            OutboundMessage m = OutboundMessage.queued(ids.get(), phone, typeOf(content), chosen.text(), content,
                    null, null, false, now, refusal);
            return new Conversations.Turn<>(Changes.none().withOutbound(List.of(m)), new Outcome(m, decision));
        }).orElseThrow(() -> new ContactNotFoundException(phone));
        if (outcome.decision() instanceof SendDecision.Refused r) {
            telemetry.sendRefused(r.reason());
            throw new SendRefusedException(r.reason(), outcome.message());
        }
        return outcome.message();
    }

    private static MessageType typeOf(OutboundContent c) {
        if (c instanceof OutboundContent.Template) return MessageType.TEMPLATE;
        if (c instanceof OutboundContent.InteractiveContent) return MessageType.INTERACTIVE;
        if (c instanceof OutboundContent.MediaContent m) return m.media().type();
        return MessageType.TEXT;
    }

    private static String textOf(OutboundContent c) {
        if (c instanceof OutboundContent.Text t) return t.body();
        if (c instanceof OutboundContent.InteractiveContent i) return i.message().text();
        if (c instanceof OutboundContent.MediaContent m) return m.media().caption();
        OutboundContent.Template t = (OutboundContent.Template) c;
        return t.name() + (t.params().isEmpty() ? "" : " " + t.params());
    }

    private record Outcome(OutboundMessage message, SendDecision decision) {
    }
}
