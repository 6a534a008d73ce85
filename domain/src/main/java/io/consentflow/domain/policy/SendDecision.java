package io.consentflow.domain.policy;

import io.consentflow.domain.message.RefusalReason;

/** Allowed, or refused for one of a closed set of reasons. */
public sealed interface SendDecision {
    record Allowed() implements SendDecision {
    }

    record Refused(RefusalReason reason) implements SendDecision {
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
