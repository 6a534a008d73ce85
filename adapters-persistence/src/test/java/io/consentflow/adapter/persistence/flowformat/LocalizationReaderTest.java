package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.router.WordTest;
import io.consentflow.domain.message.Interactive;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A definition's {@code localization} and an export's interactive template translations, read once at import. */
class LocalizationReaderTest {
    private static final Language HINDI = new Language("hin");
    /** In glific-optout.json: the question, its two cases, the goodbye. */
    private static final String ASK = "4cd1906f-d347-59cc-9a6f-d65011d24851";
    private static final String CASE_ONE = "1d3f52d1-0cf1-5041-b257-fd347ceaff7f";
    private static final String GOODBYE = "c9d1dfb3-a275-58ab-991f-d1f2dda4a474";
    /** In glific-optin.json: the interactive question. */
    private static final String OPTIN_ASK = "bcb2c088-b79a-55c6-8d60-b12f37f0af99";

    private final FlowFormat format = new FlowFormat();

    private static ObjectNode export(String file) throws Exception {
        return (ObjectNode) FlowFormat.PARSE.readTree(FlowFiles.read(file));
    }

    private static ObjectNode definition(ObjectNode export) {
        return (ObjectNode) export.get("flows").get(0).get("definition");
    }

    private Flow read(JsonNode export) {
        return format.readImport(export.toString(), List.of(), false).get(0).flow();
    }

    private FlowFormatException refused(JsonNode export) {
        return assertThrows(FlowFormatException.class, () -> format.readImport(export.toString(), List.of(), false));
    }

    @Test
    void glificsHindiTextsAreReadUnderTheIsoCode() throws Exception {
        Localization l = read(export("glific-optout.json")).localization();
        assertEquals(java.util.Set.of(HINDI), l.languages(), "the key \"hi\" is Hindi");
        Localization.Message ask = l.find(HINDI, ASK, Localization.Message.class).orElseThrow();
        assertTrue(ask.text().startsWith("आपको जाते देख हमें दुख है"), ask.text());
        assertEquals(List.of("a"), ask.quickRepliesOr(List.of("a")), "not translated: as written");
        assertEquals(Optional.empty(), l.find(Language.ENGLISH, ASK, Localization.Message.class));
        assertEquals(Optional.empty(), l.find(HINDI, ASK, Localization.Arguments.class), "a message, not a case");
    }

    @Test
    void quickRepliesAttachmentsAndCaseArgumentsAreTranslatedAndKeysMayBeEitherCode() throws Exception {
        ObjectNode export = export("glific-optout.json");
        ObjectNode hin = definition(export).with("localization").putObject("hin");
        hin.putObject(GOODBYE).putArray("quick_replies").add("ठीक है");
        hin.with(GOODBYE).putArray("attachments").add("image:https://example.org/अलविदा.png");
        hin.putObject(CASE_ONE).putArray("arguments").add("१ हाँ");
        hin.putObject("0d3c8f4e-1111-4222-8333-944455556666").putArray("text").add("nothing has this uuid");
        definition(export).with("localization").putObject("klingon").putObject(ASK).putArray("text").add("?");
        Localization l = read(export).localization();
        Localization.Message goodbye = l.find(HINDI, GOODBYE, Localization.Message.class).orElseThrow();
        assertTrue(goodbye.text().startsWith("अब आपको"), "\"hi\" and \"hin\" are one language: " + goodbye);
        assertEquals(List.of("ठीक है"), goodbye.quickReplies());
        assertEquals(List.of("image:https://example.org/अलविदा.png"), goodbye.attachments());
        assertEquals(new WordTest(WordTest.Mode.ANY, "१ हाँ"),
                l.find(HINDI, CASE_ONE, Localization.Arguments.class).orElseThrow().test());
        assertEquals(java.util.Set.of(HINDI), l.languages(), "a key that names no language is skipped");
        assertEquals(List.of("klingon"), l.unknownKeys(), "and named, for the import to warn about");
    }

    @Test
    void translatedArgumentsAreCheckedAsTheCasesOwnAre() throws Exception {
        ObjectNode export = export("glific-optout.json");
        ObjectNode wait = (ObjectNode) definition(export).get("nodes").get(1).get("router").get("cases").get(0);
        wait.put("type", "has_number_eq");
        wait.putArray("arguments").add("1");
        read(export);
        definition(export).with("localization").with("hi").putObject(CASE_ONE).putArray("arguments").add("एक");
        FlowFormatException e = refused(export);
        assertEquals("localization.hi." + CASE_ONE + ".arguments", e.where());
        assertTrue(e.detail().contains("not a number"), e.detail());
    }

    @Test
    void aTranslationOfTheWrongShapeIsRefusedNamingIt() throws Exception {
        ObjectNode export = export("glific-optout.json");
        definition(export).with("localization").with("hi").putObject(ASK).put("text", "not an array");
        assertEquals("localization.hi." + ASK + ".text", refused(export).where());
        ObjectNode notObject = export("glific-optout.json");
        definition(notObject).put("localization", 7);
        assertEquals("localization", refused(notObject).where());
    }

    @Test
    void glificsInteractiveTemplateTranslationsAreKeptInTheDefinitionAndRead() throws Exception {
        ObjectNode export = export("glific-optin.json");
        ObjectNode action = (ObjectNode) definition(export).get("nodes").get(0).get("actions").get(0);
        assertEquals("send_interactive_msg", action.get("type").asText());
        action.put("id", 12);
        ObjectNode template = export.putArray("interactive_templates").addObject().put("source_id", 12)
                .put("label", "Consent question");
        ObjectNode translations = template.putObject("translations");
        ObjectNode hindi = translations.putObject("2").put("type", "quick_reply");
        hindi.putObject("content").put("type", "text").put("text", "क्या हम आपको संदेश भेज सकते हैं?");
        hindi.putArray("options").addObject().put("type", "text").put("title", "हाँ");
        translations.putObject("99").put("type", "quick_reply"); // an id Glific does not seed: skipped

        List<io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport> imported =
                format.readImport(export.toString(), List.of(), false);
        Localization l = imported.get(0).flow().localization();
        Interactive message = l.find(HINDI, OPTIN_ASK, Localization.InteractiveMessage.class).orElseThrow().message();
        assertEquals("क्या हम आपको संदेश भेज सकते हैं?", message.text());
        assertEquals(List.of("हाँ"), message.buttons());
        JsonNode stored = FlowFormat.PARSE.readTree(imported.get(0).definitionJson());
        assertTrue(stored.get("localization").get("hi").get(OPTIN_ASK).get("text").get(0).asText().contains("options"),
                "kept in the stored definition, replacing the editor's body-only text under the flow's own key");
        assertEquals(l.find(HINDI, OPTIN_ASK, Localization.InteractiveMessage.class),
                format.readDefinition(imported.get(0).definitionJson(), List.of(), false, true).localization()
                        .find(HINDI, OPTIN_ASK, Localization.InteractiveMessage.class), "and read again from it");
    }

    @Test
    void glificsBodyOnlyTranslationOfAnInteractiveMessageKeepsItsButtons() throws Exception {
        Interactive message = read(export("glific-optin.json")).localization()
                .find(HINDI, OPTIN_ASK, Localization.InteractiveMessage.class).orElseThrow().message();
        assertTrue(message.text().startsWith("हमारे NGO बॉट में आपका स्वागत है!"), message.text());
        assertEquals(List.of("👍", "👎"), message.buttons());
        assertEquals("Stay in touch", message.header());
    }

    @Test
    void malformedInteractiveTemplatesAreRefusedAsAnImport() throws Exception {
        ObjectNode export = export("glific-optin.json");
        export.put("interactive_templates", "none");
        FlowFormatException e = refused(export);
        assertEquals(FlowFormatException.Fault.NOT_AN_IMPORT, e.fault());
        assertEquals("interactive_templates", e.where());
    }
}
