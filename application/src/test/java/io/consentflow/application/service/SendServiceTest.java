package io.consentflow.application.service;

import io.consentflow.application.port.in.SendMessageUseCase.ContactNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.SendRefusedException;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SendServiceTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    InMemory db = new InMemory();
    SendService service = new SendService(db.conversations, new SendPolicy(),
            Clock.fixed(NOW, ZoneOffset.UTC), UUID::randomUUID, io.consentflow.application.port.out.Telemetry.NONE);
    Phone phone = Phone.parse("919812345678");
    OutboundContent.Text text = new OutboundContent.Text("hello", List.of());

    Contact contact(Instant lastInbound) {
        Contact c = Contact.newContact(phone, "Asha", NOW.minusSeconds(86400 * 3));
        if (lastInbound != null) c.receivedInbound(lastInbound, null);
        db.contacts.put(phone, c);
        return c;
    }

    @Test
    void insideTheWindowATextIsQueued() {
        contact(NOW.minusSeconds(60));
        OutboundMessage m = service.send(phone, text);
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(1, db.messages.size());
    }

    @Test
    void aRefusalIsStoredWithItsReasonThenReported() {
        contact(NOW.minusSeconds(86400));
        SendRefusedException e = assertThrows(SendRefusedException.class, () -> service.send(phone, text));
        assertEquals(RefusalReason.SESSION_WINDOW_CLOSED, e.reason());
        assertEquals(1, db.messages.size());
        assertEquals(MessageStatus.REFUSED, db.messages.get(0).status());
        assertEquals("session_window_closed", ((OutboundMessage) db.messages.get(0)).refusal().code());
    }

    @Test
    void anOptedOutContactIsRefused() {
        Contact c = contact(NOW.minusSeconds(60));
        c.optOut(ConsentMethod.API, "test", null, NOW);
        db.contacts.put(phone, c);
        SendRefusedException e = assertThrows(SendRefusedException.class, () -> service.send(phone, text));
        assertEquals(RefusalReason.CONTACT_OPTED_OUT, e.reason());
    }

    @Test
    void anUnknownPhoneIsNotFound() {
        assertThrows(ContactNotFoundException.class, () -> service.send(phone, text));
        assertEquals(0, db.messages.size());
    }
}
