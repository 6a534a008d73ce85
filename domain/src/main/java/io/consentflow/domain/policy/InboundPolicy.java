package io.consentflow.domain.policy;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.keyword.KeywordIndex;

import java.util.Optional;

/**
 * The decision order for one inbound message (behaviour.md, "Handling one inbound message", steps 3-10; the
 * duplicate check and recording happen before, in the application).
 */
public final class InboundPolicy {
    /**
     * @param contact       the contact, its last_inbound_at already set for this message
     * @param firstMessage  this is the contact's very first inbound message
     * @param text          the message's text ({@code @input.text})
     * @param activeRun     the contact's ACTIVE run, if any
     * @param activeRunFlow the flow of that run (empty when the run's flow is gone)
     */
    public InboundDecision decide(Contact contact, boolean firstMessage, String text, Optional<Run> activeRun,
                                  Optional<Flow> activeRunFlow, KeywordIndex keywords, FlowRoles roles) {
        throw new IllegalStateException("policy pending");
    }
}
