package io.consentflow.domain.policy;

import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;

/**
 * The one rule for every outbound message, from a flow or the API: blocked/invalid/opted-out contacts are
 * refused (except the opt-in flow inside the session window), free-form messages only inside the 24-hour
 * window, templates only to opted-in contacts (inside the window too, except the opt-in flow's own), and marketing
 * templates not to a contact who stopped marketing messages. It is applied twice: when a message is queued
 * ({@link #decide}) and again when it leaves for the provider ({@link #decideAtSend}), since a message can wait in
 * the outbox (provider errors and backoff, a backlog) while the contact opts out. The rules in words, with their
 * order and exceptions: {@code docs/sending.md}.
 */
public final class SendPolicy {
    private static final SendDecision ALLOWED = new SendDecision.Allowed();

    /**
     * At queue time.
     *
     * @param fromOptinFlow whether the message comes from the organisation's opt-in flow
     */
    public SendDecision decide(Contact contact, OutboundContent content, boolean fromOptinFlow, Instant now) {
        boolean window = contact.sessionWindowOpen(now);
        // The opt-in flow must be able to ask an opted-out contact who just wrote to us; nobody else may.
        return decide(contact, content, fromOptinFlow && window, window);
    }

    /**
     * When the message leaves: the same rules against the contact as it is now, with the opt-in exception narrowed
     * to what it was granted for. It holds only for a message queued under it, whose run has not been cut short
     * (interrupted by "stop" or another flow, expired, failed: a completed run's last words, such as the opt-in
     * flow's goodbye, still go), to a contact whose opt-out predates the message (an opt-out recorded after the
     * message was queued always wins), and only while the session window is still open.
     */
    public SendDecision decideAtSend(QueuedSend queued, Instant now) {
        Contact contact = queued.contact();
        // Every outbound message is queued for a stored contact; without one there is no consent to check.
        if (contact == null) return refused(RefusalReason.CONTACT_INVALID);
        OutboundMessage message = queued.message();
        boolean window = contact.sessionWindowOpen(now);
        boolean optinException = window && message.optinAsk() && runMayStillAsk(queued.runStatus())
                && !optedOutAfter(contact.consent(), message.at());
        return decide(contact, message.content(), optinException || optOutConfirmation(contact, message, window),
                window);
    }

    private static SendDecision decide(Contact contact, OutboundContent content, boolean optinException,
                                       boolean window) {
        if (contact.blocked()) return refused(RefusalReason.CONTACT_BLOCKED);
        // A number the provider says is not on WhatsApp is invalid, not merely opted out, until it writes to us
        // again (which proves it exists; then the opted-out rules apply and it may opt back in).
        boolean numberInvalid = contact.consent().method() == ConsentMethod.NUMBER_INVALID
                && (contact.lastInboundAt() == null || !contact.lastInboundAt().isAfter(contact.consent().at()));
        if (numberInvalid) return refused(RefusalReason.CONTACT_INVALID);
        if (contact.consent().optedOut() && !optinException) return refused(RefusalReason.CONTACT_OPTED_OUT);
        if (contact.status() == ContactStatus.INVALID && !optinException) {
            return refused(RefusalReason.CONTACT_INVALID);
        }
        // A stored message without content cannot be a template: the stricter, free-form rule applies.
        boolean template = content != null && content.template();
        if (!template) return window ? ALLOWED : refused(RefusalReason.SESSION_WINDOW_CLOSED);
        // Glific's rule, inside the window too: a template (what a business starts a conversation with) goes only
        // to someone who said yes, except the opt-in flow's own question.
        if (!contact.consent().optedIn() && !optinException) return refused(RefusalReason.NOT_OPTED_IN);
        // WhatsApp's marketing switch: no exception, the provider would refuse it anyway (Meta's 131050).
        if (((OutboundContent.Template) content).marketing() && contact.marketingConsent().optedOut()) {
            return refused(RefusalReason.MARKETING_OPTED_OUT);
        }
        return ALLOWED;
    }

    /** A run that ended on its own path may still say goodbye; one cut short (or gone) says nothing more. */
    private static boolean runMayStillAsk(RunStatus status) {
        if (status == null) return false;
        return switch (status) {
            case ACTIVE, SUSPENDED, COMPLETED -> true;
            case INTERRUPTED, EXPIRED, FAILED -> false;
        };
    }

    /**
     * The opt-out flow's own confirmation ("You have been opted out"): queued by the sprint that then recorded the
     * opt-out (Glific's opt-out flow sends it just before its {@code settings = optout} action), so it was allowed
     * when queued and the contact expects it. Same sprint means same flow-recorded consent time; any later opt-out,
     * or one from the API or a provider, is not this and refuses the message.
     */
    private static boolean optOutConfirmation(Contact contact, OutboundMessage message, boolean window) {
        ConsentStatus consent = contact.consent();
        return window && message.flowUuid() != null && consent.optedOut() && consent.method() == ConsentMethod.FLOW
                && consent.at().equals(message.at());
    }

    /**
     * Whether the contact's current opt-out was recorded after the message was queued. One recorded at the same
     * instant came from the same sprint, before the message (a sprint has one clock reading), so it does not count.
     */
    private static boolean optedOutAfter(ConsentStatus consent, Instant queuedAt) {
        return consent.optedOut() && consent.at().isAfter(queuedAt);
    }

    private static SendDecision refused(RefusalReason reason) {
        return new SendDecision.Refused(reason);
    }
}
