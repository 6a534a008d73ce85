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

        /** Try again later: network error, timeout, 5xx, rate limit. */
        record Retry(String reason) implements SendResult {
        }

        /** Will never succeed as it is (e.g. 4xx for a bad request). */
        record Rejected(String reason) implements SendResult {
        }
    }
}
