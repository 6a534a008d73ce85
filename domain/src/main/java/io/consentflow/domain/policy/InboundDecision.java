package io.consentflow.domain.policy;

import io.consentflow.domain.flow.Flow;

/**
 * What one inbound message does, decided by {@link InboundPolicy}. Each decision says which step of the decision
 * order took it ({@code why}); its {@code toString} is the sentence the logs show.
 */
public sealed interface InboundDecision {
    /** Nothing runs; the message stays recorded. */
    record Ignore(Why why) implements InboundDecision {
        public enum Why {
            CONTACT_BLOCKED("contact is blocked"),
            CONTACT_OPTED_OUT("contact opted out"),
            NOTHING_TO_DO("no keyword and no waiting run");

            private final String text;

            Why(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }
    }

    /** End the contact's unfinished runs (interrupted) and start {@code flow}. */
    record StartFlow(Flow flow, Why why) implements InboundDecision {
        public enum Why {
            OPTIN_KEYWORD_WHILE_OPTED_OUT("opt-in keyword from an opted-out contact"),
            CONSENT_KEYWORD("consent keyword"),
            NEW_CONTACT("first message of a new contact"),
            KEYWORD("keyword");

            private final String text;

            Why(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }
    }

    /** Resume the contact's active run with the message. */
    record ResumeRun(Why why) implements InboundDecision {
        public enum Why {
            OPTED_OUT_ANSWERS_OPTIN_FLOW("opted-out contact answers the opt-in flow"),
            FLOW_IGNORES_KEYWORDS("active flow ignores keywords"),
            REPLY("reply to the waiting run");

            private final String text;

            Why(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }
    }
}
