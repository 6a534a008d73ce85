package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's status event for an outbound message (Gupshup message-event, Meta statuses[]). A status never
 * moves backwards; a failure because the number is not on WhatsApp marks the contact invalid.
 */
public interface RecordDeliveryStatusUseCase {
    /** @return whether a message was found and changed */
    boolean record(DeliveryStatus event);

    /**
     * Why a provider could not deliver a message, in our words. The provider's adapter, which knows its error
     * codes, chooses it; the application acts on it without knowing any provider's codes.
     */
    enum DeliveryFailure {
        /** The number has no WhatsApp account: nothing sent to it will ever arrive. */
        NUMBER_NOT_ON_WHATSAPP,
        /**
         * The contact stopped marketing messages from us (Meta's 131050): the marketing switch is recorded stopped,
         * consent is left as it is.
         */
        MARKETING_STOPPED,
        /** The provider refused because we sent too much, too fast: a later send may pass. */
        RATE_LIMITED,
        /** Any other failure: the message failed, the contact is left as it is. */
        OTHER
    }

    /**
     * @param provider      {@code gupshup} or {@code meta}: the name the message was sent under, to find it
     * @param providerId    the id the provider gave the message when it accepted it (Gupshup also sends gsId:
     *                      pass it as {@code altProviderId})
     * @param failure       why a {@code failed} message failed; null for every other status
     * @param failureDetail the provider's own words for the failure (its code and reason), stored with the
     *                      message; null when it gave none or the status is not {@code failed}
     */
    record DeliveryStatus(String provider, String providerId, String altProviderId, Phone phone,
                          MessageStatus status, Instant at, DeliveryFailure failure, String failureDetail) {
        public DeliveryStatus {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
            if ((status == MessageStatus.FAILED) != (failure != null)) {
                throw new IllegalArgumentException("a failure kind is given with status failed, and only then: "
                        + status + " with " + failure);
            }
            if (failure == null && failureDetail != null) {
                throw new IllegalArgumentException("a failure detail without a failure: " + failureDetail);
            }
        }

        /** A status that is not {@code failed}. */
        public static DeliveryStatus of(String provider, String providerId, String altProviderId, Phone phone,
                                        MessageStatus status, Instant at) {
            return new DeliveryStatus(provider, providerId, altProviderId, phone, status, at, null, null);
        }
    }
}
