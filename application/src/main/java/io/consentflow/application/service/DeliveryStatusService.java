package io.consentflow.application.service;

import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provider status events. A status only moves forwards (a late "delivered" never overwrites "read"); a failure
 * because the number is not on WhatsApp marks the contact invalid with consent method number_invalid.
 */
public final class DeliveryStatusService implements RecordDeliveryStatusUseCase {
    private final TransactionRunner tx;
    private final Messages messages;
    private final Contacts contacts;
    private final Clock clock;
    private final Telemetry telemetry;

    public DeliveryStatusService(TransactionRunner tx, Messages messages, Contacts contacts, Clock clock,
                                 Telemetry telemetry) {
        this.tx = tx;
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public boolean record(DeliveryStatus event) {
        List<ConsentChange> invalidated = new ArrayList<>();
        boolean changed = tx.inTransaction(() -> {
            invalidated.clear(); // a retried transaction starts over
            Optional<Message> found = messages.findByProviderId(event.provider(), event.providerId(),
                    event.altProviderId());
            if (event.failure() == DeliveryFailure.NUMBER_NOT_ON_WHATSAPP) {
                var phone = found.map(Message::phone).orElse(event.phone());
                if (phone != null && contacts.find(phone).isPresent()) {
                    Contact c = contacts.lockOrCreate(phone, null, clock.instant());
                    if (c.markNumberInvalid(event.provider() + ":" + event.providerId(), event.at())) {
                        contacts.save(c);
                        invalidated.addAll(c.newConsentChanges());
                    }
                }
            }
            if (found.isEmpty()) return false;
            Message m = found.get();
            if (!m.status().canMoveTo(event.status())) return false;
            String reason = event.status() == MessageStatus.FAILED ? event.failureDetail() : m.reason();
            messages.updateStatus(m.id(), event.status(), reason);
            return true;
        });
        invalidated.forEach(telemetry::consentChanged);
        return changed;
    }
}
