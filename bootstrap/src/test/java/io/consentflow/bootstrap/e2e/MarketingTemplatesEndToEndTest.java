package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.MediaFlows;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template registry and the marketing topic over the running service, delivering to a stand-in Graph API:
 * after Meta's "stop" of marketing messages (its user_preferences callback, as Meta sends it) a marketing template
 * is refused {@code marketing_opted_out} while a utility template still goes; "resume" lifts it; Meta's 131050
 * failure records the stop too. A template sent by name goes in the contact's language, else the template's default.
 */
class MarketingTemplatesEndToEndTest {
    static final String SECRET = "meta-app-secret";
    static final StandInProvider graph = StandInProvider.meta();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToMeta(graph, SECRET);
    static final Http http = service.http();

    @BeforeAll
    static void registry() {
        MediaFlows.importInto(http);   // keyword "remind" sends visit_reminder with @contact.name and "Friday"
        register("""
                {"name":"festival_offer","language":"en","category":"marketing","body":"Hi {{1}}, 20% off this week",
                 "footer":"Reply STOP to opt out","buttons":["Shop","Stop"],"providerId":"festival_offer_v3"}""");
        register("""
                {"name":"visit_reminder","language":"en","category":"utility","body":"Hello {{1}}, your visit is on {{2}}",
                 "providerId":"visit_reminder_en"}""");
        register("""
                {"name":"visit_reminder","language":"hi","category":"utility","body":"नमस्ते {{1}}, आपकी मुलाक़ात {{2}} को है",
                 "providerId":"visit_reminder_hi"}""");
    }

    static void register(String body) {
        Http.Response r = http.post("/api/v1/templates", body);
        assertEquals(201, r.status(), r.body());
    }

    /** A contact who wrote to us, then opted in through the API. */
    static String optedIn() throws Exception {
        String p = Gupshup.newPhone();
        meta(messages(p, "hello"));
        Http.Response r = http.put("/api/v1/contacts/" + p + "/consent",
                "{\"status\":\"opted_in\",\"note\":\"signed the clinic's form\"}");
        assertEquals(200, r.status(), r.body());
        return p;
    }

    static Http.Response sendTemplate(String phone, String template) {
        return http.post("/api/v1/messages", "{\"phone\":\"" + phone + "\",\"template\":" + template + "}");
    }

    static List<JsonNode> to(String phone) {
        return graph.requests.stream().map(r -> {
            try {
                return Http.JSON.readTree(r.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(b -> phone.equals(b.path("to").asText())).toList();
    }

    static JsonNode consent(String phone) {
        return http.get("/api/v1/contacts/" + phone).json().get("consent");
    }

    @Test
    void aMarketingTemplateIsRefusedAfterMetasStopWhileAUtilityTemplateStillGoes() throws Exception {
        String p = optedIn();
        assertEquals(202, sendTemplate(p, "{\"name\":\"festival_offer\",\"params\":[\"Asha\"]}").status());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        assertEquals("festival_offer_v3", to(p).get(0).get("template").get("name").asText(),
                "Meta gets the registry's provider id");

        assertEquals(200, meta(fixture("user-preferences.json", p)));
        JsonNode consent = consent(p);
        assertEquals("opted_out", consent.get("marketing").asText());
        assertEquals("opted_in", consent.get("status").asText(), "consent itself stands");

        Http.Response refused = sendTemplate(p, "{\"name\":\"festival_offer\",\"params\":[\"Asha\"]}");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("marketing_opted_out", refused.json().get("code").asText());

        Http.Response utility = sendTemplate(p, "{\"name\":\"visit_reminder\",\"params\":[\"Asha\",\"Friday\"]}");
        assertEquals(202, utility.status(), utility.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 2);
        JsonNode sent = to(p).get(1);
        assertEquals("visit_reminder_en", sent.get("template").get("name").asText());
        assertEquals("Friday", sent.get("template").get("components").get(0).get("parameters").get(1).get("text").asText());

        JsonNode history = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals(2, history.size(), history::toString);
        // ordered by time: Meta's event keeps its own timestamp, which the fixture dates before the opt-in
        JsonNode stop = history.get(0).get("topic").asText().equals("marketing") ? history.get(0) : history.get(1);
        assertEquals("marketing", stop.get("topic").asText());
        assertEquals("opted_out", stop.get("to").asText());
        assertEquals("bsp", stop.get("method").asText());
        assertEquals("meta:user_preferences:stop", stop.get("evidence").asText());
        JsonNode messages = http.get("/api/v1/contacts/" + p + "/messages").json();
        assertTrue(contains(messages, "refused", "marketing_opted_out"), messages::toString);

        assertEquals(200, meta(fixture("user-preferences-resume.json", p)));
        assertEquals("opted_in", consent(p).get("marketing").asText());
        assertEquals(202, sendTemplate(p, "{\"name\":\"festival_offer\",\"params\":[\"Asha\"]}").status(),
                "a resume lifts the stop");
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 3);
    }

    @Test
    void metasFailure131050RecordsTheMarketingStop() throws Exception {
        String p = optedIn();
        assertEquals(202, sendTemplate(p, "{\"name\":\"festival_offer\",\"params\":[\"Asha\"]}").status());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        String wamid = graph.requests.stream().filter(r -> r.body().contains("\"to\":\"" + p + "\""))
                .findFirst().orElseThrow().providerId();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/contacts/" + p + "/messages").json()
                .get(1).get("status").asText().equals("enqueued"));

        assertEquals(200, meta(fixture("status-failed-131050.json", p).replace("wamid.T0", wamid)));
        assertEquals("opted_out", consent(p).get("marketing").asText());
        assertEquals("opted_in", consent(p).get("status").asText());
        assertEquals("marketing_opted_out", sendTemplate(p, "{\"name\":\"festival_offer\",\"params\":[\"Asha\"]}")
                .json().get("code").asText());
    }

    @Test
    void aTemplateByNameGoesInTheContactsLanguageElseInItsDefault() throws Exception {
        String hindi = optedIn();
        service.db().execute("UPDATE contacts SET language = 'hin' WHERE phone = '" + hindi + "'");
        assertEquals(202, sendTemplate(hindi, "{\"name\":\"visit_reminder\",\"params\":[\"आशा\",\"शुक्रवार\"]}").status());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(hindi).size() == 1);
        JsonNode template = to(hindi).get(0).get("template");
        assertEquals("visit_reminder_hi", template.get("name").asText());
        assertEquals("hi", template.get("language").get("code").asText());
        JsonNode shown = http.get("/api/v1/contacts/" + hindi + "/messages").json().get(1);
        assertEquals("नमस्ते आशा, आपकी मुलाक़ात शुक्रवार को है", shown.get("text").asText());

        String marathi = optedIn();
        service.db().execute("UPDATE contacts SET language = 'mar' WHERE phone = '" + marathi + "'");
        assertEquals(202, sendTemplate(marathi, "{\"name\":\"visit_reminder\",\"params\":[\"Asha\",\"Friday\"]}").status());
        await().atMost(Duration.ofSeconds(10)).until(() -> to(marathi).size() == 1);
        assertEquals("en", to(marathi).get(0).get("template").get("language").get("code").asText(),
                "no Marathi version: the template's default language");

        Http.Response mismatch = sendTemplate(marathi, "{\"name\":\"visit_reminder\",\"params\":[\"Asha\"]}");
        assertEquals(422, mismatch.status(), mismatch.body());
        assertEquals("template_params_mismatch", mismatch.json().get("code").asText());
        assertEquals("template.params", mismatch.json().get("field").asText());
        assertEquals(2, http.get("/api/v1/contacts/" + marathi + "/messages").json().size(), "nothing stored");

        Http.Response unknownLanguage = sendTemplate(marathi,
                "{\"name\":\"visit_reminder\",\"language\":\"ta\",\"params\":[\"Asha\",\"Friday\"]}");
        assertEquals(422, unknownLanguage.status());
        assertEquals("template_not_found", unknownLanguage.json().get("code").asText());
    }

    @Test
    void aFlowsTemplateIsSentAsTheRegistrySaysInTheContactsLanguage() throws Exception {
        String english = optedIn();
        meta(messages(english, "remind"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(english).size() == 1);
        assertEquals("visit_reminder_en", to(english).get(0).get("template").get("name").asText());
        JsonNode shown = MediaFlows.outbound(http, english).get(0);
        assertEquals("Hello Asha, your visit is on Friday", shown.get("text").asText(), "the registry's body");

        String hindi = optedIn();
        service.db().execute("UPDATE contacts SET language = 'hin' WHERE phone = '" + hindi + "'");
        meta(messages(hindi, "remind"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(hindi).size() == 1);
        JsonNode template = to(hindi).get(0).get("template");
        assertEquals("visit_reminder_hi", template.get("name").asText());
        assertEquals("hi", template.get("language").get("code").asText());
    }

    @Test
    void aTemplateGoesOnlyToAnOptedInContactInsideTheWindowToo() throws Exception {
        String p = Gupshup.newPhone();
        meta(messages(p, "hello"));
        Http.Response r = sendTemplate(p, "{\"name\":\"visit_reminder\",\"params\":[\"Asha\",\"Friday\"]}");
        assertEquals(422, r.status(), r.body());
        assertEquals("not_opted_in", r.json().get("code").asText());
    }

    private static boolean contains(JsonNode messages, String status, String reason) {
        for (JsonNode m : messages) {
            if (status.equals(m.path("status").asText()) && reason.equals(m.path("reason").asText())) return true;
        }
        return false;
    }

    /** A callback fixture of this suite, its phone replaced by {@code phone}. */
    static String fixture(String name, String phone) throws IOException {
        try (InputStream in = MarketingTemplatesEndToEndTest.class.getResourceAsStream("/fixtures/meta/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("919812345678", phone);
        }
    }

    static String messages(String phone, String text) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Asha\"},\"wa_id\":\"" + phone + "\"}],"
                + "\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"wamid." + Gupshup.newId() + "\",\"timestamp\":\""
                + System.currentTimeMillis() / 1000 + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text
                + "\"}}]}}]}]}";
    }

    /** Signed as Meta signs its callbacks. */
    static int meta(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        java.net.http.HttpRequest rq = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                        + "/webhooks/meta")).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", sig).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient()
                .send(rq, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
