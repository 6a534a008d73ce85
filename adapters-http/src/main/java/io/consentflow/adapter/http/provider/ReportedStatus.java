package io.consentflow.adapter.http.provider;

import io.consentflow.domain.message.MessageStatus;

import java.util.Optional;
import java.util.Set;

/**
 * A delivery status as a provider's callback words it. Gupshup and Meta both use our statuses' own words
 * ({@code sent}, {@code delivered}, ...), each for its own set of them; any other word is a status we do not track,
 * answered as ignored rather than refused, so the provider does not retry it.
 */
public final class ReportedStatus {
    private ReportedStatus() {
    }

    /** The status named exactly {@code word} among those the provider {@code reports}; empty for any other. */
    public static Optional<MessageStatus> of(String word, Set<MessageStatus> reports) {
        for (MessageStatus status : reports) {
            if (status.wire().equals(word)) return Optional.of(status);
        }
        return Optional.empty();
    }
}
