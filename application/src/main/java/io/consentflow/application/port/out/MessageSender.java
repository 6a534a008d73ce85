package io.consentflow.application.port.out;

import io.consentflow.domain.message.OutboundMessage;

/** Hands one outbound message to a WhatsApp provider (Gupshup, the Meta Cloud API, or a log). */
public interface MessageSender {
    SendResult send(OutboundMessage message);

    /** The provider's name as its status events use it ({@code gupshup}, {@code meta}); stored with the message. */
    String provider();

    /** What the provider said. */
    sealed interface SendResult {
        /** Accepted; {@code providerId} is how its status events will name the message. */
        record Accepted(String providerId) implements SendResult {
        }

        /** Try again later: network error, timeout, 5xx, a provider's temporary error. */
        record Retry(String reason) implements SendResult {
        }

        /**
         * Try again later, and slower: the provider said we send too fast (HTTP 429, Meta's 130429 throughput and
         * 131056 pair rate limit, and its call limits 4 and 80007). Retried like {@link Retry}; whoever sent it also
         * tells the pace ({@link SendPace#slowDown}).
         */
        record RateLimited(String reason) implements SendResult {
        }

        /** Will never succeed as it is (e.g. 4xx for a bad request). */
        record Rejected(String reason) implements SendResult {
        }
    }
}
