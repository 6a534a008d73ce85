package io.consentflow.application.service;

import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryFailure;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryStatusServiceTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    InMemory db = new InMemory();
    DeliveryStatusService service;
    Phone phone = Phone.parse("919812345678");
    UUID id = UUID.randomUUID();
    MovingClock clock = new MovingClock();

    @BeforeEach
    void setUp() {
        service = new DeliveryStatusService(db.messagePort, db.conversations, clock,
                io.consentflow.application.port.out.Telemetry.NONE);
        db.contacts.put(phone, Contact.newContact(phone, "Asha", NOW));
        db.messages.add(new OutboundMessage(id, phone, MessageType.TEXT, "hi",
                new OutboundContent.Text("hi", List.of()), MessageStatus.ENQUEUED, null, null, false, NOW, "gupshup",
                "gs-1", null, null));
    }

    boolean event(MessageStatus s) {
        return service.record(DeliveryStatus.of("gupshup", "gs-1", null, phone, s, NOW));
    }

    boolean failed(DeliveryFailure failure) {
        return service.record(new DeliveryStatus("gupshup", "gs-1", null, phone, MessageStatus.FAILED, NOW, failure,
                "1002: why"));
    }

    MessageStatus status() {
        return db.messages.get(0).status();
    }

    @Test
    void aRateLimitedFailureSlowsThePaceDownOnce() {
        List<Instant> slowDowns = new java.util.ArrayList<>();
        service = new DeliveryStatusService(db.messagePort, db.conversations, clock,
                io.consentflow.application.port.out.Telemetry.NONE, new io.consentflow.application.port.out.SendPace() {
            @Override
            public int take(int wanted, Instant now) {
                throw new AssertionError("a status never takes from the pace");
            }

            @Override
            public void spent(int messages, Instant now) {
                throw new AssertionError("a status spends nothing");
            }

            @Override
            public void slowDown(Instant now) {
                slowDowns.add(now);
            }
        });
        ContactStatus before = db.contacts.get(phone).status();
        clock.now = NOW.plusSeconds(90); // the status comes a minute and a half after the provider dated it
        assertTrue(failed(DeliveryFailure.RATE_LIMITED));
        assertEquals(List.of(NOW.plusSeconds(90)), slowDowns, "on our clock");
        assertFalse(failed(DeliveryFailure.RATE_LIMITED), "the provider sent the status again");
        assertEquals(1, slowDowns.size(), "a repeated status is not a second excess");
        assertEquals(before, db.contacts.get(phone).status(), "nothing said about the contact");
    }

    @Test
    void otherFailuresLeaveThePaceAlone() {
        List<Instant> slowDowns = new java.util.ArrayList<>();
        service = new DeliveryStatusService(db.messagePort, db.conversations, clock,
                io.consentflow.application.port.out.Telemetry.NONE, new io.consentflow.application.port.out.SendPace() {
            @Override
            public int take(int wanted, Instant now) {
                return 0;
            }

            @Override
            public void spent(int messages, Instant now) {
            }

            @Override
            public void slowDown(Instant now) {
                slowDowns.add(now);
            }
        });
        assertTrue(failed(DeliveryFailure.OTHER));
        assertEquals(List.of(), slowDowns);
    }

    @Test
    void statusesOnlyMoveForwards() {
        assertTrue(event(MessageStatus.SENT));
        assertTrue(event(MessageStatus.READ));
        assertFalse(event(MessageStatus.DELIVERED), "a late delivered does not overwrite read");
        assertEquals(MessageStatus.READ, status());
    }

    @Test
    void unknownIdsChangeNothing() {
        assertFalse(service.record(DeliveryStatus.of("gupshup", "nope", null, null, MessageStatus.SENT, NOW)));
        assertEquals(MessageStatus.ENQUEUED, status());
    }

    @Test
    void aNumberNotOnWhatsAppMarksTheContactInvalid() {
        assertTrue(failed(DeliveryFailure.NUMBER_NOT_ON_WHATSAPP));
        assertEquals(MessageStatus.FAILED, status());
        assertEquals("1002: why", ((OutboundMessage) db.messages.get(0)).failure(), "the provider's words are stored as they came");
        Contact c = db.contacts.get(phone);
        assertEquals(ContactStatus.INVALID, c.status());
        assertEquals(ConsentMethod.NUMBER_INVALID, c.consent().method());
        assertEquals(1, db.history.size());
        assertEquals("gupshup:gs-1", db.history.get(0).evidence());
    }

    @Test
    void aProviderClockAheadOfOursDoesNotDateTheOptOutInTheFuture() {
        clock.now = NOW.minusSeconds(30);
        assertTrue(failed(DeliveryFailure.NUMBER_NOT_ON_WHATSAPP));
        assertEquals(clock.now, db.history.get(0).at(), "timed by our clock, after the contact's lock");
        assertEquals(clock.now, db.contacts.get(phone).consent().at());
    }

    @Test
    void aProviderTimestampBeforeOursIsKept() {
        clock.now = NOW.plusSeconds(30);
        assertTrue(failed(DeliveryFailure.NUMBER_NOT_ON_WHATSAPP));
        assertEquals(NOW, db.history.get(0).at());
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryFailure.class, names = {"NUMBER_NOT_ON_WHATSAPP", "MARKETING_STOPPED"},
            mode = EnumSource.Mode.EXCLUDE)
    void otherFailuresKeepTheContactValid(DeliveryFailure failure) {
        assertTrue(failed(failure));
        assertEquals(MessageStatus.FAILED, status());
        assertEquals(ContactStatus.VALID, db.contacts.get(phone).status());
        assertEquals(0, db.history.size());
    }

    @Test
    void aFailureKindComesWithStatusFailedAndOnlyThen() {
        IllegalArgumentException withoutKind = assertThrows(IllegalArgumentException.class, () -> new DeliveryStatus(
                "gupshup", "gs-1", null, phone, MessageStatus.FAILED, NOW, null, "why"));
        assertTrue(withoutKind.getMessage().contains("status failed"), withoutKind.getMessage());
        IllegalArgumentException withKind = assertThrows(IllegalArgumentException.class, () -> new DeliveryStatus(
                "gupshup", "gs-1", null, phone, MessageStatus.SENT, NOW, DeliveryFailure.OTHER, null));
        assertTrue(withKind.getMessage().contains("status failed"), withKind.getMessage());
    }

    @Test
    void aContactWhoStoppedMarketingMessagesHasTheMarketingSwitchRecordedConsentLeftAsItIs() {
        assertTrue(failed(DeliveryFailure.MARKETING_STOPPED));
        assertEquals(MessageStatus.FAILED, status());
        Contact c = db.contacts.get(phone);
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(io.consentflow.domain.consent.ConsentState.OPTED_OUT, c.marketingConsent().state());
        assertEquals(1, db.history.size());
        assertEquals(io.consentflow.domain.consent.ConsentTopic.MARKETING, db.history.get(0).topic());
        assertEquals("gupshup:gs-1", db.history.get(0).evidence());
        failed(DeliveryFailure.MARKETING_STOPPED);
        assertEquals(1, db.history.size(), "the same news again records nothing");
    }
}
