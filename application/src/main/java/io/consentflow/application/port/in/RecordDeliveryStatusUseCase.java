package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's status event for an outbound message (Gupshup message-event, Meta statuses[]). A status never
 * moves backwards; Gupshup's failure code 1002 (number not on WhatsApp) marks the contact invalid.
 */
public interface RecordDeliveryStatusUseCase {
    /** @return whether a message was found and changed */
    boolean record(DeliveryStatus event);

    /**
     * @param provider   {@code gupshup} or {@code meta}
     * @param providerId the id the provider gave the message when it accepted it (Gupshup also sends gsId:
     *                   pass it as {@code altProviderId})
     * @param errorCode  the provider's error code for {@code failed}, else null
     */
    record DeliveryStatus(String provider, String providerId, String altProviderId, Phone phone,
                          MessageStatus status, Instant at, String errorCode, String errorReason) {
        public DeliveryStatus {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
        }
    }
}
