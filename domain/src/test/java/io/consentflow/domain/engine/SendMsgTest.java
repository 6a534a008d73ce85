package io.consentflow.domain.engine;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send_msg's empty messages, templates and attachments, run by the engine in a one-node flow. */
class SendMsgTest {
    private static final String FLOW = flowUuid(21);
    private static final SendMsg.Templating REMINDER = new SendMsg.Templating(
            "9c1a7a4e-2f7d-4c55-9c0e-3d7f7f1c2b11", "visit_reminder", List.of("@contact.name", "@input.text"));

    private static Sprint run(Contact contact, Action... actions) {
        Flow f = flow(FLOW, node("n1", null, actions));
        EngineHarness harness = new EngineHarness(contact, f);
        return harness.start(f, "Tuesday", harness.messageId());
    }

    private static Sprint run(Action... actions) {
        return run(Fixtures.contact(), actions);
    }

    /** Templates go only to opted-in contacts. */
    private static Contact optedIn() {
        Contact c = Fixtures.contact();
        c.optIn(ConsentMethod.FLOW, "m", null, NOW.minusSeconds(60));
        return c;
    }

    private static Sprint run(List<MessageTemplate> registered, Contact contact, Action... actions) {
        Flow f = flow(FLOW, node("n1", null, actions));
        EngineHarness harness = new EngineHarness(contact, f);
        harness.templates.addAll(registered);
        return harness.start(f, "Tuesday", harness.messageId());
    }

    private static MessageTemplate reminder(String language, String providerId, int secondsAfter) {
        String body = language.startsWith("hi") ? "नमस्ते {{1}}, {{2}} को मिलते हैं" : "Hello {{1}}, see you {{2}}";
        return new MessageTemplate(UUID.nameUUIDFromBytes(("reminder-" + language).getBytes()), "visit_reminder",
                language, TemplateCategory.UTILITY, body, null, null, List.of(), providerId,
                NOW.minusSeconds(1000).plusSeconds(secondsAfter));
    }

    @Test
    void aRegisteredTemplateIsSentInTheContactsLanguageWithTheRegistrysProviderIdAndBody() {
        List<MessageTemplate> registry = List.of(reminder("en", "gs-en-1", 0), reminder("hi", "gs-hi-1", 1));
        Contact hindi = optedIn();
        hindi.changeLanguage("hindi");
        OutboundMessage m = run(registry, hindi, new SendMsg("a", "", List.of(), List.of(), REMINDER))
                .messages().get(0);
        assertEquals(new OutboundContent.Template("visit_reminder", "hi", List.of("Asha", "Tuesday"), null,
                TemplateCategory.UTILITY, "gs-hi-1"), m.content());
        assertEquals("नमस्ते Asha, Tuesday को मिलते हैं", m.text(), "the registry's body, filled in");

        Contact tamil = optedIn();
        tamil.changeLanguage("ta");
        OutboundContent.Template t = (OutboundContent.Template) run(registry, tamil,
                new SendMsg("a", "", List.of(), List.of(), REMINDER)).messages().get(0).content();
        assertEquals("en", t.language(), "no Tamil version: the template's default (its first registered language)");
        assertEquals("gs-en-1", t.providerId());
    }

    @Test
    void aRegisteredTemplateIsFoundByTheFlowsUuidAsTheProvidersId() {
        MessageTemplate byProviderId = reminder("en", REMINDER.uuid(), 0);
        SendMsg.Templating renamed = new SendMsg.Templating(REMINDER.uuid(), "old_name", REMINDER.variables());
        OutboundContent.Template t = (OutboundContent.Template) run(List.of(byProviderId), optedIn(),
                new SendMsg("a", "", List.of(), List.of(), renamed)).messages().get(0).content();
        assertEquals("visit_reminder", t.name());
        assertEquals(TemplateCategory.UTILITY, t.category());
    }

    @Test
    void aRegisteredTemplateGivenTheWrongNumberOfVariablesIsNotSentAndTheRunGoesOn() {
        SendMsg.Templating oneVariable = new SendMsg.Templating(null, "visit_reminder", List.of("@contact.name"));
        Sprint s = run(List.of(reminder("en", null, 0)), optedIn(),
                new SendMsg("a", "", List.of(), List.of(), oneVariable), new SendMsg("b", "after", List.of(), List.of()));
        assertEquals(List.of("after"), s.messages().stream().map(OutboundMessage::text).toList());
        assertEquals(RunError.TEMPLATE_PARAMS_MISMATCH, s.runs().get(0).errors().get(0).code());
        assertEquals(RunStatus.COMPLETED, s.runs().get(0).status());
    }

    @Test
    void aTemplateGoesOnlyToOptedInContactsInsideTheWindowToo() {
        Sprint s = run(new SendMsg("a", "", List.of(), List.of(), REMINDER));
        assertEquals(RefusalReason.NOT_OPTED_IN, s.messages().get(0).refusal());
        assertEquals(RunStatus.FAILED, s.runs().get(0).status());
    }

    @Test
    void aMessageThatRendersEmptyIsNotSentAndTheRunRecordsWhyAndGoesOn() {
        Sprint s = run(new SendMsg("a", "@contact.fields.nothing", List.of("Yes"), List.of()),
                new SendMsg("b", "Still here", List.of(), List.of()));
        assertEquals(1, s.messages().size(), "only the second message is sent");
        assertEquals("Still here", s.messages().get(0).text());
        Run run = s.runs().get(0);
        assertEquals(RunStatus.COMPLETED, run.status(), "the run goes on, as goflow's does");
        assertEquals(1, run.errors().size());
        RunError error = run.errors().get(0);
        assertEquals(RunError.EMPTY_MESSAGE, error.code());
        assertEquals("n1", error.nodeUuid());
        assertEquals(NOW, error.at());
    }

    @Test
    void aBlankTextWithABadAttachmentRecordsBoth() {
        Sprint s = run(new SendMsg("a", " ", List.of(), List.of("image:@contact.fields.photo")));
        assertTrue(s.messages().isEmpty());
        assertEquals(List.of(RunError.BAD_ATTACHMENT, RunError.EMPTY_MESSAGE),
                s.runs().get(0).errors().stream().map(RunError::code).toList());
    }

    @Test
    void templatingSendsTheTemplateWithItsVariablesRenderedInTheContactsLanguage() {
        Sprint s = run(optedIn(), new SendMsg("a", "Hello @contact.name, see you @input.text", List.of(), List.of(), REMINDER));
        OutboundMessage m = s.messages().get(0);
        assertEquals(MessageType.TEMPLATE, m.type());
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals("Hello Asha, see you Tuesday", m.text(), "the text shown is what the contact reads");
        assertEquals(new OutboundContent.Template("visit_reminder", "en", List.of("Asha", "Tuesday"),
                "9c1a7a4e-2f7d-4c55-9c0e-3d7f7f1c2b11"), m.content());
    }

    @Test
    void aTemplateLanguageIsTheContactsAsTwoLettersWhereThereAreTwo() {
        Contact hindi = optedIn();
        hindi.changeLanguage("hin");
        OutboundContent.Template t = (OutboundContent.Template) run(hindi,
                new SendMsg("a", "", List.of(), List.of(), REMINDER)).messages().get(0).content();
        assertEquals("hi", t.language());
        // a contact's language is its ISO 639-3 code (the region of a locale tag is not kept): pt_BR is Portuguese
        Contact tagged = optedIn();
        tagged.changeLanguage("pt_BR");
        t = (OutboundContent.Template) run(tagged,
                new SendMsg("a", "", List.of(), List.of(), REMINDER)).messages().get(0).content();
        assertEquals("pt", t.language());
        Contact noLanguage = optedIn();
        noLanguage.changeLanguage("klingon");
        t = (OutboundContent.Template) run(noLanguage,
                new SendMsg("a", "", List.of(), List.of(), REMINDER)).messages().get(0).content();
        assertEquals("eng", noLanguage.language(), "a language nobody knows leaves the contact's as it was");
        assertEquals("en", t.language());
    }

    @Test
    void aFlowTemplateFollowsTheTemplateRulesOutsideTheWindow() {
        Contact optedIn = Contact.newContact(Fixtures.PHONE, "Asha", NOW.minusSeconds(90_000));
        optedIn.optIn(ConsentMethod.API, null, null, NOW.minusSeconds(80_000));
        Sprint s = run(optedIn, new SendMsg("a", "", List.of(), List.of(), REMINDER));
        assertEquals(MessageStatus.QUEUED, s.messages().get(0).status(), "a template may leave the closed window");

        Contact unknown = Contact.newContact(Fixtures.PHONE, "Asha", NOW.minusSeconds(90_000));
        Sprint refused = run(unknown, new SendMsg("a", "", List.of(), List.of(), REMINDER));
        assertEquals(RefusalReason.NOT_OPTED_IN, refused.messages().get(0).refusal());
        assertEquals(RunStatus.FAILED, refused.runs().get(0).status());
    }

    @Test
    void attachmentsGoAsMediaTheFirstWithTheTextAsCaption() {
        Sprint s = run(new SendMsg("a", "Your card, @contact.name", List.of(),
                List.of("image:https://cdn.example/@input.text/card.png", "application/pdf:https://cdn.example/card.pdf",
                        "audio:https://cdn.example/hello.mp3", "video/mp4:https://cdn.example/v.mp4")));
        assertEquals(List.of(MessageType.IMAGE, MessageType.FILE, MessageType.AUDIO, MessageType.VIDEO),
                s.messages().stream().map(OutboundMessage::type).toList());
        OutboundMessage first = s.messages().get(0);
        assertEquals(new OutboundContent.MediaContent(new Media(MessageType.IMAGE,
                "https://cdn.example/Tuesday/card.png", "Your card, Asha")), first.content());
        assertEquals("Your card, Asha", first.text());
        assertEquals(new Media(MessageType.FILE, "https://cdn.example/card.pdf", ""),
                ((OutboundContent.MediaContent) s.messages().get(1).content()).media());
        assertTrue(s.runs().get(0).errors().isEmpty());
    }

    @Test
    void withQuickRepliesTheMediaGoesFirstAndTheTextWithItsButtonsAfter() {
        Sprint s = run(new SendMsg("a", "Like it?", List.of("Yes", "No"), List.of("image:https://cdn.example/a.jpg")));
        assertEquals(2, s.messages().size());
        assertEquals(new OutboundContent.MediaContent(new Media(MessageType.IMAGE, "https://cdn.example/a.jpg", "")),
                s.messages().get(0).content());
        assertEquals(new OutboundContent.Text("Like it?", List.of("Yes", "No")), s.messages().get(1).content());
    }

    @Test
    void captionlessPicturesAreNotOneLoopingText() {
        Contact contact = Fixtures.contact();
        Sprint s = run(contact, new SendMsg("a", "", List.of(), List.of("image:https://cdn.example/1.jpg")),
                new SendMsg("b", "", List.of(), List.of("image:https://cdn.example/2.jpg")),
                new SendMsg("c", "", List.of(), List.of("image:https://cdn.example/3.jpg")),
                new SendMsg("d", "", List.of(), List.of("image:https://cdn.example/4.jpg")));
        assertEquals(4, s.messages().size());
        assertEquals(RunStatus.COMPLETED, s.runs().get(0).status());
    }

    @Test
    void attachmentsAreReadAsGoflowWritesThem() {
        assertEquals(new Media(MessageType.FILE, "https://x.example/a.pdf", "c"),
                Media.fromAttachment("document:https://x.example/a.pdf", "c").orElseThrow());
        assertEquals(MessageType.IMAGE, Media.fromAttachment("IMAGE/jpeg:https://x/a.jpg", "").orElseThrow().type());
        assertTrue(Media.fromAttachment("image:", "").isEmpty());
        assertTrue(Media.fromAttachment("https://x/a.jpg", "").isEmpty(), "no kind: https is not one");
        assertTrue(Media.fromAttachment("geo:1,2", "").isEmpty());
    }
}
