package io.consentflow.domain.broadcast;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A template broadcast's message for one recipient, made when it is to leave, and the send policy's judgement of
 * it then: the recipient's language, the broadcast's parameters, never the opt-in flow's exception.
 */
class BroadcastMessagesTest {
    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Phone PHONE = new Phone("919917443994");

    static MessageTemplate template(String name, String language, TemplateCategory category, String body, int order) {
        return new MessageTemplate(UUID.nameUUIDFromBytes((name + language).getBytes()), name, language, category,
                body, null, null, List.of(), null, REGISTERED.plusSeconds(order));
    }

    static final TemplateBook BOOK = TemplateBook.of(List.of(
            template("clinic_day", "en", TemplateCategory.UTILITY, "Hello {{1}}, the clinic opens on {{2}}", 0),
            template("clinic_day", "hi", TemplateCategory.UTILITY, "नमस्ते {{1}}, क्लिनिक {{2}} को खुलेगा", 1),
            template("offer", "en", TemplateCategory.MARKETING, "20% off, {{1}}", 2)));
    static final BroadcastContent.TemplateSend CLINIC =
            new BroadcastContent.TemplateSend("clinic_day", List.of("Asha", "Monday"));
    static final BroadcastContent.TemplateSend OFFER = new BroadcastContent.TemplateSend("offer", List.of("Asha"));

    static Contact optedIn(String language) {
        Contact c = Contact.newContact(PHONE, "Asha", REGISTERED);
        c.changeLanguage(language);
        c.optIn(ConsentMethod.IMPORT, "wave.csv row 2", null, REGISTERED);
        return c;
    }

    static OutboundMessage message(BroadcastContent.TemplateSend send, Contact c) {
        return BroadcastMessages.template(send, BOOK, PHONE, c, UUID.randomUUID(), NOW).orElseThrow();
    }

    static SendDecision atSend(OutboundMessage m, Contact c) {
        return new SendPolicy().decideAtSend(new QueuedSend(m, c, null), NOW);
    }

    @Test
    void eachRecipientGetsTheTemplateInTheirLanguageElseTheDefault() {
        assertEquals("नमस्ते Asha, क्लिनिक Monday को खुलेगा", message(CLINIC, optedIn("hi")).text());
        assertEquals("Hello Asha, the clinic opens on Monday", message(CLINIC, optedIn("fr")).text());
        assertEquals("Hello Asha, the clinic opens on Monday", message(CLINIC, null).text(), "no contact");
        OutboundContent.Template content = (OutboundContent.Template) message(CLINIC, optedIn("hi")).content();
        assertEquals(List.of("Asha", "Monday"), content.params());
        assertEquals(TemplateCategory.UTILITY, content.category());
    }

    @Test
    void aTemplateTheRegistryLostOrChangedMakesNoMessage() {
        assertEquals(Optional.empty(), BroadcastMessages.template(new BroadcastContent.TemplateSend("gone",
                List.of()), BOOK, PHONE, optedIn("en"), UUID.randomUUID(), NOW));
        assertEquals(Optional.empty(), BroadcastMessages.template(new BroadcastContent.TemplateSend("clinic_day",
                List.of("only one")), BOOK, PHONE, optedIn("en"), UUID.randomUUID(), NOW));
    }

    @Test
    void theMessageLeavesOnlyAsTheContactsConsentStandsWhenItLeaves() {
        Contact c = optedIn("en");
        assertTrue(atSend(message(CLINIC, c), c).allowed(), "outside the window too: a template to the opted-in");
        c.optOut(ConsentMethod.BSP, "gupshup:opted-out", null, NOW.minusSeconds(1));
        assertEquals(new SendDecision.Refused(RefusalReason.CONTACT_OPTED_OUT), atSend(message(CLINIC, c), c));
        Contact blocked = optedIn("en");
        blocked.block();
        assertEquals(new SendDecision.Refused(RefusalReason.CONTACT_BLOCKED), atSend(message(CLINIC, blocked), blocked));
        Contact never = Contact.newContact(PHONE, null, REGISTERED);
        assertEquals(new SendDecision.Refused(RefusalReason.NOT_OPTED_IN), atSend(message(CLINIC, never), never));
        assertEquals(new SendDecision.Refused(RefusalReason.CONTACT_INVALID), atSend(message(CLINIC, null), null));
    }

    @Test
    void afterMetasStopAMarketingTemplateIsRefusedWhileAUtilityTemplateStillGoes() {
        Contact c = optedIn("en");
        c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_OUT, ConsentMethod.BSP,
                "meta:user_preferences:stop", null, NOW.minusSeconds(60)));
        assertEquals(new SendDecision.Refused(RefusalReason.MARKETING_OPTED_OUT), atSend(message(OFFER, c), c));
        assertTrue(atSend(message(CLINIC, c), c).allowed());
        assertFalse(message(OFFER, c).optinAsk(), "never the opt-in flow's exception");
    }
}
