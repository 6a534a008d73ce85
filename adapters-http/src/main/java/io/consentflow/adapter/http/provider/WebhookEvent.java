package io.consentflow.adapter.http.provider;

import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.domain.message.InboundMessage;

/**
 * One thing a provider callback asks of us. A callback is read completely into events before any is handled,
 * so a malformed callback changes nothing.
 */
public sealed interface WebhookEvent {
    record Inbound(InboundMessage message) implements WebhookEvent {
    }

    record Consent(ChangeConsentCommand command) implements WebhookEvent {
    }

    record Delivery(DeliveryStatus status) implements WebhookEvent {
    }
}
