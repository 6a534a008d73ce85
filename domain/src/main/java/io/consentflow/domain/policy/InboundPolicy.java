package io.consentflow.domain.policy;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.KeywordIndex;

import java.util.Optional;

/**
 * The decision order for one inbound message: steps 3 to 10 of {@code docs/inbound.md} (the duplicate check and
 * recording, steps 1 and 2, happen before, in the application). A pure function of what the message, the contact
 * and its runs are, so every rule is tested on its own and the order is read in one place.
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
        // 3
        if (contact.blocked()) return new InboundDecision.Ignore(InboundDecision.Ignore.Why.CONTACT_BLOCKED);

        Optional<Flow> keywordFlow = keywords.match(text);
        // a run paused after an action (a webhook, a result, a delay) waits for no reply: as if none were waiting
        boolean waiting = activeRun.map(Run::awaitsReply).orElse(false);

        // 4: someone who opted out gets nothing until they ask, by the opt-in keyword or by answering the
        // opt-in flow's question (without that, an opted-out contact could never finish opting back in).
        if (contact.consent().optedOut()) {
            if (keywordFlow.isPresent() && roles.isOptin(keywordFlow.get().uuid())) {
                return new InboundDecision.StartFlow(keywordFlow.get(),
                        InboundDecision.StartFlow.Why.OPTIN_KEYWORD_WHILE_OPTED_OUT);
            }
            // ...until that run recorded the opt-in: after that it is an ordinary flow (the contact opted out since)
            boolean optinPending = activeRun.map(r -> r.optinRecordedAt() == null).orElse(false);
            if (waiting && optinPending && activeRunFlow.map(f -> roles.isOptin(f.uuid())).orElse(false)) {
                return new InboundDecision.ResumeRun(InboundDecision.ResumeRun.Why.OPTED_OUT_ANSWERS_OPTIN_FLOW);
            }
            return new InboundDecision.Ignore(InboundDecision.Ignore.Why.CONTACT_OPTED_OUT);
        }
        // 5: consent keywords win even over a flow that ignores keywords (and restart a running consent flow).
        if (keywordFlow.isPresent() && roles.isConsentFlow(keywordFlow.get())) {
            return new InboundDecision.StartFlow(keywordFlow.get(), InboundDecision.StartFlow.Why.CONSENT_KEYWORD);
        }
        // 6
        if (waiting && activeRunFlow.map(Flow::ignoreKeywords).orElse(false)) {
            return new InboundDecision.ResumeRun(InboundDecision.ResumeRun.Why.FLOW_IGNORES_KEYWORDS);
        }
        // 7
        if (firstMessage && roles.newContact().isPresent()) {
            return new InboundDecision.StartFlow(roles.newContact().get(), InboundDecision.StartFlow.Why.NEW_CONTACT);
        }
        // 8
        if (keywordFlow.isPresent()) {
            return new InboundDecision.StartFlow(keywordFlow.get(), InboundDecision.StartFlow.Why.KEYWORD);
        }
        // 9
        if (waiting) return new InboundDecision.ResumeRun(InboundDecision.ResumeRun.Why.REPLY);
        // 10
        return new InboundDecision.Ignore(InboundDecision.Ignore.Why.NOTHING_TO_DO);
    }
}
