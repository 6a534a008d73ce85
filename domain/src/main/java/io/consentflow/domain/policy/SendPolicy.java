package io.consentflow.domain.policy;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;

/**
 * The one rule for every outbound message, from a flow or the API: blocked/invalid/opted-out contacts are
 * refused (except the opt-in flow inside the session window), free-form messages only inside the 24-hour
 * window, templates outside it only to opted-in contacts.
 */
public final class SendPolicy {
    /**
     * @param fromOptinFlow whether the message comes from the organisation's opt-in flow
     */
    public SendDecision decide(Contact contact, OutboundContent content, boolean fromOptinFlow, Instant now) {
        throw new IllegalStateException("policy pending");
    }
}
