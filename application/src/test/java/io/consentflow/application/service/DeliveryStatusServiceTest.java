package io.consentflow.application.service;

import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryStatusServiceTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    InMemory db = new InMemory();
    DeliveryStatusService service;
    Phone phone = Phone.parse("919812345678");
    UUID id = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        service = new DeliveryStatusService(db.tx, db.messagePort, db.contactPort, Clock.fixed(NOW, ZoneOffset.UTC),
                io.consentflow.application.port.out.Telemetry.NONE);
        db.contacts.put(phone, Contact.newContact(phone, "Asha", NOW));
        db.messages.add(new Message(id, phone, Direction.OUTBOUND, MessageType.TEXT, "hi",
                new OutboundContent.Text("hi", List.of()), "gupshup", "gs-1", MessageStatus.ENQUEUED, null, null, NOW, null, false));
    }

    boolean event(MessageStatus s, String code) {
        return service.record(new DeliveryStatus("gupshup", "gs-1", null, phone, s, NOW, code, code == null ? null : "why"));
    }

    MessageStatus status() {
        return db.messages.get(0).status();
    }

    @Test
    void statusesOnlyMoveForwards() {
        assertTrue(event(MessageStatus.SENT, null));
        assertTrue(event(MessageStatus.READ, null));
        assertFalse(event(MessageStatus.DELIVERED, null), "a late delivered does not overwrite read");
        assertEquals(MessageStatus.READ, status());
    }

    @Test
    void unknownIdsChangeNothing() {
        assertFalse(service.record(new DeliveryStatus("gupshup", "nope", null, null, MessageStatus.SENT, NOW, null, null)));
        assertEquals(MessageStatus.ENQUEUED, status());
    }

    @Test
    void failure1002MarksTheNumberInvalid() {
        assertTrue(event(MessageStatus.FAILED, "1002"));
        assertEquals(MessageStatus.FAILED, status());
        assertEquals("1002: why", db.messages.get(0).reason());
        Contact c = db.contacts.get(phone);
        assertEquals(ContactStatus.INVALID, c.status());
        assertEquals(ConsentMethod.NUMBER_INVALID, c.consent().method());
        assertEquals(1, db.history.size());
    }

    @Test
    void otherFailuresKeepTheContactValid() {
        assertTrue(event(MessageStatus.FAILED, "470"));
        assertEquals(ContactStatus.VALID, db.contacts.get(phone).status());
    }
}
