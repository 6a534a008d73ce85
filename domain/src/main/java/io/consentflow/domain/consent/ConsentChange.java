package io.consentflow.domain.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only consent history: what changed, how, on what evidence (inbound message id, API
 * caller, provider event), from which flow if any, and when.
 */
public record ConsentChange(ConsentState from, ConsentState to, ConsentMethod method, String evidence,
                            String flowUuid, Instant at) {
    public ConsentChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
    }
}
