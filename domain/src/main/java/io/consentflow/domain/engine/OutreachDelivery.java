package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What queued outreach does to one recipient, purely: a broadcast's messages through the send policy as the
 * recipient's consent stands now (refused ones are recorded with their reason and never leave), or the flow started
 * for the recipient by the engine (whose messages pass the same policy). The caller holds the recipient's lock.
 */
public final class OutreachDelivery {
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;

    public OutreachDelivery(SendPolicy sendPolicy, Supplier<UUID> ids) {
        this.sendPolicy = sendPolicy;
        this.ids = ids;
    }

    /** What one recipient got, and in a word how it went ({@code sent}, {@code refused:<code>}, {@code started}...). */
    public record Delivered(Sprint sprint, String outcome) {
    }

    /**
     * The broadcast's messages for {@code recipient}: each judged by the send policy (never as the opt-in flow's),
     * a template in the recipient's language. The first refusal refuses the rest: they are not even recorded.
     */
    public Delivered broadcast(Contact recipient, Outreach outreach, Outreach.Broadcast broadcast, Instant now) {
        List<OutboundMessage> messages = new ArrayList<>();
        for (Outreach.Part part : broadcast.messages()) {
            OutboundContent content = inLanguageOf(recipient, part.content());
            if (content.empty()) continue;
            SendDecision decision = sendPolicy.decide(recipient, content, false, now);
            RefusalReason refusal = decision instanceof SendDecision.Refused refused ? refused.reason() : null;
            messages.add(OutboundMessage.queued(ids.get(), recipient.phone(), part.type(), part.text(), content,
                    outreach.flowUuid(), null, false, now, refusal));
            if (refusal != null) return new Delivered(new Sprint(List.of(), messages), "refused:" + refusal.code());
        }
        return new Delivered(new Sprint(List.of(), messages), messages.isEmpty() ? "nothing" : "sent");
    }

    /**
     * The flow started for the recipient in {@code session} (their unfinished runs end interrupted, as when a
     * keyword starts a flow), unless the flow is gone or switched off, or the work skips contacts in a flow and
     * this one is.
     */
    public Delivered startFlow(FlowEngine engine, Session session, Outreach.StartFlow start, Optional<Flow> flow,
                               Instant now) {
        if (flow.isEmpty()) return new Delivered(new Sprint(List.of(), List.of()), "flow_missing");
        if (!flow.get().active()) return new Delivered(new Sprint(List.of(), List.of()), "flow_inactive");
        boolean inAFlow = session.runs().stream().anyMatch(r -> !r.ended());
        if (start.skipContactsInAFlow() && inAFlow) {
            return new Delivered(new Sprint(List.of(), List.of()), "skipped_in_a_flow");
        }
        return new Delivered(engine.start(flow.get(), session, Trigger.none(), now), "started");
    }

    /** A template goes in the recipient's language (two letters where it has them), as a flow would send it. */
    private static OutboundContent inLanguageOf(Contact recipient, OutboundContent content) {
        if (!(content instanceof OutboundContent.Template t)) return content;
        String language = recipient.knownLanguage().map(Language::twoLetterCode)
                .orElse(recipient.language() == null || recipient.language().isBlank() ? t.language()
                        : recipient.language().trim().toLowerCase(Locale.ROOT));
        return new OutboundContent.Template(t.name(), language, t.params(), t.uuid());
    }
}
