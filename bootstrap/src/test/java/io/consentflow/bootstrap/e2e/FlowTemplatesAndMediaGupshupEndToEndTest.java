package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.MediaFlows;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow templates and attachments through a stand-in Gupshup: a send_msg with templating reaches the template
 * endpoint under the template's uuid, attachments go as media with the text as caption, a message that renders
 * empty is not sent and its run says why; an inbound picture keeps its URL.
 */
class FlowTemplatesAndMediaGupshupEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup);
    static final Http http = service.http();

    @BeforeAll
    static void flows() {
        MediaFlows.importInto(http);
    }

    static List<StandInProvider.Request> to(String phone) {
        return gupshup.requests.stream().filter(r -> phone.equals(r.form().get("destination"))).toList();
    }

    static void hook(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void aFlowTemplateReachesGupshupAsATemplate() throws Exception {
        String p = Gupshup.newPhone();
        // templates go only to opted-in contacts
        hook(Gupshup.userEvent(p, "opted-in", System.currentTimeMillis()));
        hook(Gupshup.text(p, Gupshup.newId(), "remind"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        StandInProvider.Request sent = to(p).get(0);
        assertEquals("/wa/api/v1/template/msg", sent.path());
        JsonNode template = Http.JSON.readTree(sent.form().get("template"));
        assertEquals(MediaFlows.TEMPLATE_UUID, template.get("id").asText());
        assertEquals(Http.JSON.readTree("[\"Asha\",\"Friday\"]"), template.get("params"));

        JsonNode shown = MediaFlows.outbound(http, p).get(0);
        assertEquals("template", shown.get("type").asText());
        assertEquals("Hello Asha, your visit is on Friday", shown.get("text").asText());
        assertEquals(Http.JSON.readTree("{\"name\":\"visit_reminder\",\"language\":\"en\",\"params\":[\"Asha\","
                + "\"Friday\"]}"), shown.get("template"));
        assertTrue(shown.path("media").isMissingNode());
    }

    @Test
    void attachmentsReachGupshupAsMediaTheTextAsCaption() throws Exception {
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "card"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 2);
        assertEquals("/wa/api/v1/msg", to(p).get(0).path());
        assertEquals(Http.JSON.readTree("{\"type\":\"image\",\"originalUrl\":\"https://cdn.example/cards/Asha/card.jpg\","
                + "\"previewUrl\":\"https://cdn.example/cards/Asha/card.jpg\",\"caption\":\"Your card, Asha\"}"),
                Http.JSON.readTree(to(p).get(0).form().get("message")));
        assertEquals(Http.JSON.readTree("{\"type\":\"file\",\"url\":\"https://cdn.example/leaflet.pdf\","
                + "\"filename\":\"leaflet.pdf\"}"), Http.JSON.readTree(to(p).get(1).form().get("message")));

        List<JsonNode> shown = MediaFlows.outbound(http, p);
        assertEquals("image", shown.get(0).get("type").asText());
        assertEquals(Http.JSON.readTree("{\"url\":\"https://cdn.example/cards/Asha/card.jpg\","
                + "\"caption\":\"Your card, Asha\"}"), shown.get(0).get("media"));
        assertEquals("file", shown.get(1).get("type").asText());
        assertEquals(Http.JSON.readTree("{\"url\":\"https://cdn.example/leaflet.pdf\",\"caption\":\"\"}"),
                shown.get(1).get("media"));
    }

    @Test
    void aMessageThatRendersEmptySendsNothingAndTheRunRecordsWhy() throws Exception {
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "blank"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        JsonNode text = Http.JSON.readTree(to(p).get(0).form().get("message"));
        assertEquals("We will write again soon", text.get("text").asText());
        Thread.sleep(300);
        assertEquals(1, to(p).size(), "the empty message never left");
        assertEquals(1, MediaFlows.outbound(http, p).size(), "nor was it stored");

        List<String> run = MediaFlows.run(service, p, MediaFlows.BLANK_FLOW);
        assertEquals("completed", run.get(0), "the run goes on, as goflow's does");
        JsonNode errors = Http.JSON.readTree(run.get(1));
        assertEquals(1, errors.size(), run.get(1));
        assertEquals("empty_message", errors.get(0).get("code").asText());
        assertEquals("a1b2c3d4-1111-4e5f-8a9b-000000000003", errors.get(0).get("node_uuid").asText());
    }

    @Test
    void anInboundPictureKeepsItsUrlAndType() throws Exception {
        String p = Gupshup.newPhone();
        ObjectNode image = Http.JSON.createObjectNode().put("caption", "my form")
                .put("url", "https://filemanager.example/image.jpg").put("contentType", "image/jpeg");
        hook(Gupshup.message(p, Gupshup.newId(), "image", image));
        JsonNode in = MediaFlows.inbound(http, p).get(0);
        assertEquals("image", in.get("type").asText());
        assertEquals("my form", in.get("text").asText());
        assertEquals(Http.JSON.readTree("{\"url\":\"https://filemanager.example/image.jpg\",\"caption\":\"my form\"}")
                .toString(), in.get("media").toString());
    }
}
