package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Language;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.Localization.Translation;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.router.WordTest;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The contact's language picks a flow's translations: texts, quick replies, interactive messages, case arguments. */
class LocalizationTest {
    private static final String FLOW = flowUuid(40);
    private static final Language HINDI = new Language("hin");

    private static final SendMsg ASK = new SendMsg("ask", "Type yes to stay, @contact.name", List.of("yes", "no"),
            List.of());
    private static final Interactive MENU = new Interactive(Interactive.Kind.QUICK_REPLY, null, "Stay?",
            List.of("Yes", "No"), null, List.of());
    private static final Interactive HINDI_MENU = new Interactive(Interactive.Kind.QUICK_REPLY, null,
            "रुकें, @contact.name?", List.of("हाँ", "नहीं"), null, List.of());

    /** Asks, waits, and answers "stay" on yes (or its Hindi translation), "bye" otherwise. */
    private static Flow flow(Localization localization, String setLanguage) {
        List<Node> nodes = List.of(
                switchOn("ask-node", "@input.text")
                        .actions(new SetContactLanguage("lang", setLanguage), ASK,
                                new SendInteractiveMsg("menu", "menu", MENU))
                        .when(new WordTest(WordTest.Mode.ANY, "yes"), "Yes", "stay")
                        .other("bye").waiting().result("answer").build(),
                node("stay", null, new SendMsg("stayed", "Glad you stay", List.of(), List.of())),
                node("bye", null, new SendMsg("left", "Bye", List.of(), List.of())));
        return new Flow(FLOW, "stay", nodes, Flow.DEFAULT_EXPIRE_AFTER_MINUTES, List.of(), false, true, localization);
    }

    private static Localization hindi() {
        return new Localization(Language.ENGLISH, Map.of(HINDI, Map.<String, Translation>of(
                "ask", new Localization.Message("रुकने के लिए हाँ लिखें, @contact.name", List.of("हाँ", "नहीं"), null),
                "menu", new Localization.InteractiveMessage(HINDI_MENU),
                "ask-node-case-0", new Localization.Arguments(new WordTest(WordTest.Mode.ANY, "हाँ")),
                "stayed", new Localization.Message(" ", null, null))));
    }

    @Test
    void aHindiContactGetsTheHindiTextsAndItsHindiReplyMatchesTheHindiArguments() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "हिंदी"));
        Sprint s = h.start(h.flows.get(FLOW), "start", h.messageId());
        assertEquals("hin", h.contact.language());
        OutboundMessage ask = s.messages().get(0);
        assertEquals("रुकने के लिए हाँ लिखें, Asha", ask.text(), "translated, then rendered");
        assertEquals(new OutboundContent.Text("रुकने के लिए हाँ लिखें, Asha", List.of("हाँ", "नहीं")), ask.content());
        assertEquals(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.QUICK_REPLY, null,
                "रुकें, Asha?", List.of("हाँ", "नहीं"), null, List.of())), s.messages().get(1).content());

        Sprint reply = h.reply("हाँ", h.messageId());
        assertEquals("Yes", reply.runs().get(0).results().get("answer").category());
        assertEquals("Glad you stay", reply.messages().get(0).text(), "a blank translation leaves the text as written");
    }

    @Test
    void theAuthoredArgumentsNoLongerMatchForAHindiContact() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "hi"));
        h.start(h.flows.get(FLOW), "start", h.messageId());
        Sprint reply = h.reply("yes", h.messageId());
        assertEquals("Other", reply.runs().get(0).results().get("answer").category(), "as goflow: one set of arguments");
    }

    @Test
    void anEnglishContactGetsTheFlowAsWritten() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "eng"));
        Sprint s = h.start(h.flows.get(FLOW), "start", h.messageId());
        assertEquals("Type yes to stay, Asha", s.messages().get(0).text());
        assertEquals(new OutboundContent.InteractiveContent(MENU), s.messages().get(1).content());
        assertEquals("Yes", h.reply("yes", h.messageId()).runs().get(0).results().get("answer").category());
    }

    @Test
    void aLanguageWithoutTranslationsGetsTheFlowAsWritten() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "tamil"));
        Sprint s = h.start(h.flows.get(FLOW), "start", h.messageId());
        assertEquals("tam", h.contact.language());
        assertEquals("Type yes to stay, Asha", s.messages().get(0).text());
    }

    @Test
    void theLanguageTheFlowIsWrittenInNeedsNoTranslation() {
        Localization writtenInHindi = new Localization(HINDI, Map.of(HINDI, Map.<String, Translation>of(
                "ask", new Localization.Message("never sent", null, null))));
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(writtenInHindi, "hin"));
        assertEquals("Type yes to stay, Asha", h.start(h.flows.get(FLOW), "start", h.messageId()).messages().get(0)
                .text());
    }

    @Test
    void anUnknownLanguageKeepsTheContactsLanguageAndIsSavedOnTheRun() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "Klingon @contact.name"));
        Sprint s = h.start(h.flows.get(FLOW), "start", h.messageId());
        assertEquals("eng", h.contact.language());
        RunResult recorded = s.runs().get(0).results().get(SetContactLanguage.UNKNOWN_LANGUAGE);
        assertEquals("Klingon Asha", recorded.value());
        assertEquals("ask-node", recorded.nodeUuid());
        assertEquals("Type yes to stay, Asha", s.messages().get(0).text(), "the run goes on");
    }

    @Test
    void aBlankLanguageChangesNothingAndRecordsNothing() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow(hindi(), "@contact.fields.missing"));
        Sprint s = h.start(h.flows.get(FLOW), "start", h.messageId());
        assertEquals("eng", h.contact.language());
        assertFalse(s.runs().get(0).results().containsKey(SetContactLanguage.UNKNOWN_LANGUAGE));
    }
}
