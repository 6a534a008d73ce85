package io.consentflow.domain.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only consent history: what changed, how, on what evidence (inbound message id, API
 * caller, provider event), from which flow if any, when, and about what ({@link ConsentTopic}: consent itself, or
 * the marketing-messages switch).
 */
public record ConsentChange(ConsentState from, ConsentState to, ConsentMethod method, String evidence,
                            String flowUuid, Instant at, ConsentTopic topic) {
    public ConsentChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(topic, "topic");
    }

    /** A change of the contact's consent itself (topic {@link ConsentTopic#ALL}). */
    public ConsentChange(ConsentState from, ConsentState to, ConsentMethod method, String evidence, String flowUuid,
                         Instant at) {
        this(from, to, method, evidence, flowUuid, at, ConsentTopic.ALL);
    }
}
