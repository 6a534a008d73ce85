package io.consentflow.application.service;

import io.consentflow.application.port.in.SendMessageUseCase.ContactNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.SendRefusedException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateParamsMismatchException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateRequest;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;
import io.consentflow.domain.template.TemplateCategory;
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
    List<MessageTemplate> registry = new java.util.ArrayList<>();
    SendService service = new SendService(db.conversations, new SendPolicy(),
            Clock.fixed(NOW, ZoneOffset.UTC), UUID::randomUUID, io.consentflow.application.port.out.Telemetry.NONE,
            () -> TemplateBook.of(registry));
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

    MessageTemplate register(String name, String language, TemplateCategory category, String body, int order) {
        MessageTemplate t = new MessageTemplate(UUID.randomUUID(), name, language, category, body, null, null,
                List.of(), "gs-" + name + "-" + language, NOW.minusSeconds(1000 - order));
        registry.add(t);
        return t;
    }

    Contact optedIn(String language) {
        Contact c = contact(NOW.minusSeconds(86400 * 2));
        c.optIn(ConsentMethod.API, "form", null, NOW.minusSeconds(86400 * 2));
        c.changeLanguage(language);
        return c;
    }

    @Test
    void aTemplateByNameGoesInTheContactsLanguageElseItsDefault() {
        register("visit", "en", TemplateCategory.UTILITY, "See you {{1}}", 0);
        register("visit", "hi", TemplateCategory.UTILITY, "{{1}} को मिलते हैं", 1);
        optedIn("hin");
        OutboundMessage hindi = service.sendTemplate(phone, new TemplateRequest("visit", null, List.of("मंगलवार")));
        assertEquals(new OutboundContent.Template("visit", "hi", List.of("मंगलवार"), null, TemplateCategory.UTILITY,
                "gs-visit-hi"), hindi.content());
        assertEquals("मंगलवार को मिलते हैं", hindi.text());

        optedIn("mr");
        OutboundMessage fallback = service.sendTemplate(phone, new TemplateRequest("visit", null, List.of("Tuesday")));
        assertEquals("en", ((OutboundContent.Template) fallback.content()).language());
        assertEquals("See you Tuesday", fallback.text());

        OutboundMessage asked = service.sendTemplate(phone, new TemplateRequest("visit", "hi", List.of("x")));
        assertEquals("hi", ((OutboundContent.Template) asked.content()).language());
    }

    @Test
    void theWrongNumberOfParamsIsRefusedAndNothingIsStored() {
        register("visit", "en", TemplateCategory.UTILITY, "See you {{1}} at {{2}}", 0);
        optedIn("eng");
        assertThrows(TemplateParamsMismatchException.class,
                () -> service.sendTemplate(phone, new TemplateRequest("visit", null, List.of("Tuesday"))));
        assertEquals(0, db.messages.size());
    }

    @Test
    void anUnknownNameOrLanguage() {
        register("visit", "en", TemplateCategory.UTILITY, "Hi", 0);
        optedIn("eng");
        assertEquals(false, assertThrows(TemplateNotFoundException.class,
                () -> service.sendTemplate(phone, new TemplateRequest("nope", null, List.of()))).language());
        assertEquals(true, assertThrows(TemplateNotFoundException.class,
                () -> service.sendTemplate(phone, new TemplateRequest("visit", "ta", List.of()))).language());
        // an unregistered name with its language goes as named, judged as marketing
        OutboundMessage m = service.sendTemplate(phone, new TemplateRequest("legacy", "en", List.of("a")));
        assertEquals(new OutboundContent.Template("legacy", "en", List.of("a")), m.content());
        assertEquals(1, db.messages.size());
        // an unknown phone is not found, whatever the template
        assertThrows(ContactNotFoundException.class, () -> service.sendTemplate(Phone.parse("919800000000"),
                new TemplateRequest("nope", null, List.of())));
    }
}
