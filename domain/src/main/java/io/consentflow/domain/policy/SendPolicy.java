package io.consentflow.domain.policy;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;

/**
 * The one rule for every outbound message, from a flow or the API: blocked/invalid/opted-out contacts are
 * refused (except the opt-in flow inside the session window), free-form messages only inside the 24-hour
 * window, templates outside it only to opted-in contacts.
 */
public final class SendPolicy {
    private static final SendDecision ALLOWED = new SendDecision.Allowed();

    /**
     * @param fromOptinFlow whether the message comes from the organisation's opt-in flow
     */
    public SendDecision decide(Contact contact, OutboundContent content, boolean fromOptinFlow, Instant now) {
        if (contact.blocked()) return refused(RefusalReason.CONTACT_BLOCKED);
        boolean window = contact.sessionWindowOpen(now);
        // The opt-in flow must be able to ask an opted-out contact who just wrote to us; nobody else may.
        boolean optinException = fromOptinFlow && window;
        // A number the provider says is not on WhatsApp is invalid, not merely opted out, until it writes to us
        // again (which proves it exists; then the opted-out rules apply and it may opt back in).
        boolean numberInvalid = contact.consent().method() == ConsentMethod.NUMBER_INVALID
                && (contact.lastInboundAt() == null || !contact.lastInboundAt().isAfter(contact.consent().at()));
        if (numberInvalid) return refused(RefusalReason.CONTACT_INVALID);
        if (contact.consent().optedOut() && !optinException) return refused(RefusalReason.CONTACT_OPTED_OUT);
        if (contact.status() == ContactStatus.INVALID && !optinException) {
            return refused(RefusalReason.CONTACT_INVALID);
        }
        if (!content.template()) return window ? ALLOWED : refused(RefusalReason.SESSION_WINDOW_CLOSED);
        return window || contact.consent().optedIn() ? ALLOWED : refused(RefusalReason.NOT_OPTED_IN);
    }

    private static SendDecision refused(RefusalReason reason) {
        return new SendDecision.Refused(reason);
    }
}
