package io.consentflow.domain.policy;

import io.consentflow.domain.flow.Flow;

/**
 * What one inbound message does, decided by {@link InboundPolicy}. Each decision says which step of the decision
 * order ({@code docs/inbound.md}) took it ({@code why}; the logs show its name), so tests and logs tell the rules
 * apart.
 */
public sealed interface InboundDecision {
    /** Nothing runs; the message stays recorded. */
    record Ignore(Why why) implements InboundDecision {
        public enum Why {
            /** Step 3. */
            CONTACT_BLOCKED,
            /** Step 4: an opted-out contact gets nothing but the opt-in flow. */
            CONTACT_OPTED_OUT,
            /** Step 10: no keyword and no waiting run. */
            NOTHING_TO_DO
        }
    }

    /** End the contact's unfinished runs (interrupted) and start {@code flow}. */
    record StartFlow(Flow flow, Why why) implements InboundDecision {
        public enum Why {
            /** Step 4: the opt-in keyword from an opted-out contact. */
            OPTIN_KEYWORD_WHILE_OPTED_OUT,
            /** Step 5. */
            CONSENT_KEYWORD,
            /** Step 7: the first message of a new contact. */
            NEW_CONTACT,
            /** Step 8. */
            KEYWORD
        }
    }

    /** Resume the contact's active run with the message. */
    record ResumeRun(Why why) implements InboundDecision {
        public enum Why {
            /** Step 4: an opted-out contact answers the opt-in flow that has not recorded the opt-in yet. */
            OPTED_OUT_ANSWERS_OPTIN_FLOW,
            /** Step 6: the waiting run's flow ignores keywords. */
            FLOW_IGNORES_KEYWORDS,
            /** Step 9: a reply to the waiting run. */
            REPLY
        }
    }
}
