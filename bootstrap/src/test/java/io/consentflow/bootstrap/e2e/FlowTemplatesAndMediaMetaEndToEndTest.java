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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flow templates and attachments through a stand-in Graph API: a send_msg with templating arrives as Meta's
 * template message, an attachment as a linked image with its caption; an inbound document keeps its media id.
 */
class FlowTemplatesAndMediaMetaEndToEndTest {
    static final String SECRET = "meta-app-secret";
    static final StandInProvider graph = StandInProvider.meta();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToMeta(graph, SECRET);
    static final Http http = service.http();

    @BeforeAll
    static void flows() {
        MediaFlows.importInto(http);
    }

    static void meta(String phone, String message) throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Meena\"},\"wa_id\":\"" + phone + "\"}],"
                + "\"messages\":[" + message + "]}}]}]}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        java.net.http.HttpRequest rq = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                        + "/webhooks/meta")).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", sig).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        int status = java.net.http.HttpClient.newHttpClient()
                .send(rq, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(200, status);
    }

    static String text(String phone, String body) {
        return "{\"from\":\"" + phone + "\",\"id\":\"wamid." + Gupshup.newId() + "\",\"timestamp\":\""
                + System.currentTimeMillis() / 1000 + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}";
    }

    static List<JsonNode> to(String phone) {
        return graph.requests.stream().map(r -> {
            try {
                return Http.JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(b -> phone.equals(b.path("to").asText())).toList();
    }

    @Test
    void aFlowTemplateReachesMetaAsATemplate() throws Exception {
        String p = Gupshup.newPhone();
        meta(p, text(p, "hello"));
        // templates go only to opted-in contacts
        assertEquals(200, http.put("/api/v1/contacts/" + p + "/consent",
                "{\"status\":\"opted_in\",\"note\":\"signed the clinic's form\"}").status());
        meta(p, text(p, "remind"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        JsonNode sent = to(p).get(0);
        assertEquals("template", sent.get("type").asText());
        assertEquals(Http.JSON.readTree("{\"name\":\"visit_reminder\",\"language\":{\"code\":\"en\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Meena\"},"
                + "{\"type\":\"text\",\"text\":\"Friday\"}]}]}"), sent.get("template"));
        JsonNode shown = MediaFlows.outbound(http, p).get(0);
        assertEquals("template", shown.get("type").asText());
        assertEquals(Http.JSON.readTree("{\"name\":\"visit_reminder\",\"language\":\"en\",\"params\":[\"Meena\","
                + "\"Friday\"]}"), shown.get("template"));
    }

    @Test
    void attachmentsReachMetaAsLinkedMedia() throws Exception {
        String p = Gupshup.newPhone();
        meta(p, text(p, "card"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 2);
        assertEquals("image", to(p).get(0).get("type").asText());
        assertEquals(Http.JSON.readTree("{\"link\":\"https://cdn.example/cards/Meena/card.jpg\","
                + "\"caption\":\"Your card, Meena\"}"), to(p).get(0).get("image"));
        assertEquals("document", to(p).get(1).get("type").asText());
        assertEquals(Http.JSON.readTree("{\"link\":\"https://cdn.example/leaflet.pdf\"}"), to(p).get(1).get("document"));
        assertEquals("image", MediaFlows.outbound(http, p).get(0).get("type").asText());
    }

    @Test
    void anInboundDocumentKeepsItsMediaIdAndType() throws Exception {
        String p = Gupshup.newPhone();
        meta(p, "{\"from\":\"" + p + "\",\"id\":\"wamid." + Gupshup.newId() + "\",\"timestamp\":\""
                + System.currentTimeMillis() / 1000 + "\",\"type\":\"document\",\"document\":{\"caption\":\"report\","
                + "\"filename\":\"r.pdf\",\"mime_type\":\"application/pdf\",\"id\":\"2093\"}}");
        JsonNode in = MediaFlows.inbound(http, p).get(0);
        assertEquals("file", in.get("type").asText());
        assertEquals(Http.JSON.readTree("{\"url\":\"2093\",\"caption\":\"report\"}"), in.get("media"));
    }
}
