package io.consentflow.domain.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact's current consent: the state and when, how and on what evidence it was last changed.
 * {@code at}, {@code method} and {@code evidence} are null while the state is {@link ConsentState#UNKNOWN}.
 */
public record ConsentStatus(ConsentState state, Instant at, ConsentMethod method, String evidence) {
    public static final ConsentStatus UNKNOWN = new ConsentStatus(ConsentState.UNKNOWN, null, null, null);

    public ConsentStatus {
        Objects.requireNonNull(state, "state");
        if (state != ConsentState.UNKNOWN) {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(method, "method");
        }
    }

    public boolean optedIn() {
        return state == ConsentState.OPTED_IN;
    }

    public boolean optedOut() {
        return state == ConsentState.OPTED_OUT;
    }
}
