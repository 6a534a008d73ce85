package io.consentflow.domain.consent;

import java.time.Instant;
import java.util.Objects;

/** A request to move a contact's consent to {@code to}; the contact decides whether anything changes. */
public record ConsentRequest(ConsentState to, ConsentMethod method, String evidence, String flowUuid, Instant at) {
    public ConsentRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
        if (to == ConsentState.UNKNOWN) throw new IllegalArgumentException("consent cannot be changed back to unknown");
    }
}
