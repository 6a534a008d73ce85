package io.consentflow.application.service;

import io.consentflow.application.port.in.ReceiveMessageUseCase.Receipt;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.InboundPolicy;
import io.consentflow.domain.policy.OrgSettings;
import io.consentflow.domain.policy.SendPolicy;
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

class InboundMessageServiceTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String OPTIN = "11111111-1111-4111-8111-111111111111";
    static final String OPTOUT = "22222222-2222-4222-8222-222222222222";

    InMemory db;
    InboundMessageService service;
    Phone phone = Phone.parse("+919812345678");

    @BeforeEach
    void setUp() {
        db = new InMemory();
        Flow optin = TestFlows.consentFlow(OPTIN, "optin", "optin");
        Flow optout = TestFlows.consentFlow(OPTOUT, "optout", "optout", "stop");
        db.flows.put(OPTIN, new StoredFlow(optin, "{}", NOW));
        db.flows.put(OPTOUT, new StoredFlow(optout, "{}", NOW));
        db.settings = new OrgSettings(null, OPTIN);
        FlowCatalog catalog = new FlowCatalog(db.flowPort, db.settingsPort);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new InboundMessageService(db.conversations, catalog,
                new InboundPolicy(), new EngineFactory(new SendPolicy(), UUID::randomUUID, new java.util.SplittableRandom(1)), clock, UUID::randomUUID, io.consentflow.application.port.out.Telemetry.NONE);
    }

    Receipt say(String id, String text) {
        return service.receive(new InboundMessage("gupshup", id, phone, "Asha", MessageType.TEXT, text, NOW));
    }

    List<OutboundMessage> outbound() {
        return db.messages.stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .map(OutboundMessage.class::cast).toList();
    }

    @Test
    void aFirstMessageStartsTheNewContactFlowInOneTransaction() {
        Receipt r = say("m1", "Hi");
        assertFalse(r.duplicate());
        assertEquals(1, db.transactions);
        Contact c = db.contacts.get(phone);
        assertEquals("Asha", c.name());
        assertEquals(NOW, c.lastInboundAt());
        assertEquals(1, outbound().size());
        assertEquals("Question for Asha?", outbound().get(0).text());
        assertEquals(MessageStatus.QUEUED, outbound().get(0).status());
        assertEquals(1, db.runs.size());
        assertTrue(db.runs.values().iterator().next().waiting());
    }

    @Test
    void aReplyResumesTheRunAndOptsIn() {
        say("m1", "Hi");
        Receipt reply = say("m2", "yes please");
        Contact c = db.contacts.get(phone);
        assertEquals(ConsentState.OPTED_IN, c.consent().state());
        assertEquals(ConsentMethod.FLOW, c.consent().method());
        assertEquals(reply.messageId().toString(), c.consent().evidence());
        assertEquals(1, db.history.size());
        assertEquals(RunStatus.COMPLETED, db.runs.values().iterator().next().status());
    }

    @Test
    void aDuplicateChangesNothing() {
        say("m1", "Hi");
        int messages = db.messages.size();
        Instant lastInbound = db.contacts.get(phone).lastInboundAt();
        Receipt again = service.receive(new InboundMessage("gupshup", "m1", phone, "Asha", MessageType.TEXT, "Hi",
                NOW.plusSeconds(30)));
        assertTrue(again.duplicate());
        assertEquals(messages, db.messages.size());
        assertEquals(lastInbound, db.contacts.get(phone).lastInboundAt());
        assertEquals(1, db.runs.size());
    }

    @Test
    void anOptedOutContactIsIgnoredUntilTheOptinKeyword() {
        say("m1", "stop");
        say("m2", "yes");
        assertEquals(ContactStatus.INVALID, db.contacts.get(phone).status());
        int before = outbound().size();
        Receipt hello = say("m3", "hello");
        assertTrue(hello.decision().startsWith("ignored"), hello.decision());
        assertEquals(before, outbound().size());
        assertTrue(db.messages.stream().anyMatch(m -> "hello".equals(m.text())), "the message is still recorded");

        say("m4", "OPT-IN");
        assertEquals(before + 1, outbound().size());
        assertEquals(MessageStatus.QUEUED, outbound().get(before).status(), "the opt-in flow may answer");
        say("m5", "yes");
        assertEquals(ConsentState.OPTED_IN, db.contacts.get(phone).consent().state());
        assertEquals(ContactStatus.VALID, db.contacts.get(phone).status());
    }

    @Test
    void aProviderTimeInTheFutureDoesNotStretchTheWindow() {
        service.receive(new InboundMessage("gupshup", "f1", phone, "Asha", MessageType.TEXT, "Hi", NOW.plusSeconds(3600)));
        assertEquals(NOW, db.contacts.get(phone).lastInboundAt());
    }

    @Test
    void anOptedOutContactTypingTheKeywordOfAMarketingFlowKeyedOptinGetsNothing() {
        // before: any flow keyed optin (or named in the settings) could message someone who opted out
        db.flows.remove(OPTIN);
        db.flows.put(OPTIN, new StoredFlow(TestFlows.promo(OPTIN, "optin"), "{}", NOW));
        db.settings = new OrgSettings(OPTIN, null);   // stored before the rule existed
        db.version++;
        say("m1", "Hi");
        Contact c = db.contacts.get(phone);
        c.optOut(ConsentMethod.API, "api", null, NOW);
        db.contacts.put(phone, c);

        Receipt r = say("m2", "optin");
        assertTrue(r.decision().startsWith("ignored"), r.decision());
        assertTrue(outbound().isEmpty());
    }
}
