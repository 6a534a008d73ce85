package io.consentflow.domain.policy;

import io.consentflow.domain.flow.Flow;

/** What one inbound message does, decided by {@link InboundPolicy}. */
public sealed interface InboundDecision {
    /** Nothing runs; the message stays recorded. {@code why} is for logs and tests. */
    record Ignore(String why) implements InboundDecision {
    }

    /** End the contact's unfinished runs (interrupted) and start {@code flow}. */
    record StartFlow(Flow flow, String why) implements InboundDecision {
    }

    /** Resume the contact's active run with the message. */
    record ResumeRun(String why) implements InboundDecision {
    }
}
