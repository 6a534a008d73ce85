package io.consentflow.adapter.http.gupshup;

import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryFailure;

/** Gupshup's failure codes ({@code message-event} {@code failed}, {@code payload.code}) in our words. */
final class GupshupErrors {
    /** "Number Does Not Exists On WhatsApp". */
    static final String NUMBER_NOT_ON_WHATSAPP = "1002";

    private GupshupErrors() {
    }

    /** @param code the code as Gupshup sent it (a number or a string), or null */
    static DeliveryFailure failure(String code) {
        return NUMBER_NOT_ON_WHATSAPP.equals(code) ? DeliveryFailure.NUMBER_NOT_ON_WHATSAPP : DeliveryFailure.OTHER;
    }
}
