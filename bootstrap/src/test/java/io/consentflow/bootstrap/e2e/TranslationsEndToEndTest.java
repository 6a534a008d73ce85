package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Translations over HTTP, with a Glific-shaped export written for this project ({@code fixtures/hindi-flows.json}):
 * a language flow (keyword {@code bhasha}) sets the contact's language from its answer ({@code हिंदी} or
 * {@code english}); the opt-out flow (keyword {@code stop}) asks with an interactive message whose Hindi version
 * is the Glific template's translation ({@code interactive_templates[].translations}, language id 2), routes on
 * cases whose arguments the flow translates into Hindi, and answers with translated texts.
 */
class TranslationsEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();

    @BeforeAll
    static void importTheFlows() {
        Http.Response imported = http.post("/api/v1/flows/import", ServiceFixture.resource("/fixtures/hindi-flows.json"));
        assertEquals(201, imported.status(), imported.body());
        assertEquals(2, imported.json().size(), imported.body());
    }

    static void says(String phone, String text) {
        Http.Response r = http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), text));
        assertEquals(200, r.status(), r.body());
    }

    static void taps(String phone, String title) {
        Http.Response r = http.post("/webhooks/gupshup", Gupshup.buttonReply(phone, Gupshup.newId(), title));
        assertEquals(200, r.status(), r.body());
    }

    /** The texts the contact was sent, oldest first. */
    static List<String> sent(String phone) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if ("outbound".equals(m.get("direction").asText())) texts.add(m.get("text").asText());
        }
        return texts;
    }

    static String last(List<String> texts) {
        return texts.get(texts.size() - 1);
    }

    static JsonNode contact(String phone) {
        return http.get("/api/v1/contacts/" + phone).json();
    }

    @Test
    void aContactWhoChoseHindiGetsTheOptOutFlowInHindiAndItsHindiReplyOptsItOut() {
        String p = Gupshup.newPhone();
        says(p, "bhasha");
        assertEquals("eng", contact(p).get("language").asText(), "every contact starts in English");
        says(p, "1");
        assertEquals("hin", contact(p).get("language").asText(), "the ISO 639-3 code, whatever the flow wrote");
        assertEquals("हो गया: आपकी भाषा hin है।", last(sent(p)), "@contact.language renders the code");

        says(p, "stop");
        assertEquals("आपको जाते देख दुख है, Asha। क्या हम सभी संदेश बंद कर दें?", last(sent(p)),
                "the interactive message's Hindi translation from the Glific template");
        taps(p, "हाँ, बंद करें");
        assertEquals("अब आपको हमसे कोई संदेश नहीं मिलेगा। वापस आने के लिए optin भेजें।", last(sent(p)),
                "the Hindi reply matched the Hindi arguments");
        assertEquals("opted_out", contact(p).get("consent").get("status").asText());
    }

    @Test
    void aHindiContactWhoStaysIsAnsweredInHindi() {
        String p = Gupshup.newPhone();
        says(p, "bhasha");
        says(p, "1");
        says(p, "stop");
        says(p, "नहीं, जुड़े रहना है");
        assertEquals("ख़ुशी है कि आप हमारे साथ हैं, Asha!", last(sent(p)));
        assertEquals("unknown", contact(p).get("consent").get("status").asText());
    }

    @Test
    void anEnglishContactGetsTheFlowsAsWritten() {
        String p = Gupshup.newPhone();
        says(p, "bhasha");
        says(p, "2");
        assertEquals("eng", contact(p).get("language").asText());
        assertEquals("Done: your language is eng.", last(sent(p)));
        says(p, "stop");
        assertEquals("Sorry to see you go, Asha. Stop every message from us?", last(sent(p)));
        taps(p, "Yes, stop");
        assertEquals("You will not hear from us again. Send optin to come back.", last(sent(p)));
        assertEquals("opted_out", contact(p).get("consent").get("status").asText());
    }

    @Test
    void theStoredDefinitionKeepsTheTemplatesTranslation() throws Exception {
        JsonNode definition = http.get("/api/v1/flows/e87d2656-1f75-4cd4-bc18-3ca44d7c7cbf").json().get("definition");
        JsonNode hindi = definition.get("localization").get("hin");
        String question = definition.get("nodes").get(0).get("actions").get(0).get("uuid").asText();
        assertEquals(5, hindi.size(), "the flow's own two texts and two cases, and the template's message: " + hindi);
        assertEquals("जा रहे हैं?", Http.JSON.readTree(hindi.get(question).get("text").get(0).asText())
                .get("content").get("header").asText());
    }
}
