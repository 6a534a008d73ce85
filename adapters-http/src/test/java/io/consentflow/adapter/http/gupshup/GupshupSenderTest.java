package io.consentflow.adapter.http.gupshup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentflow.adapter.http.Senders;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.consentflow.adapter.http.provider.OutboundMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GupshupSenderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final StandInProvider provider = new StandInProvider();
    final MessageSender sender = Senders.create(new SenderSettings("gupshup", provider.base(), "gs-key",
            "917834811114", "NgoBot", null, Duration.ofMillis(500)));

    @AfterEach
    void close() {
        provider.close();
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aTextIsAFormPostWithTheApiKey() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-123\"}");
        SendResult r = sender.send(message(new OutboundContent.Text("Hello", List.of()), "Hello"));
        assertEquals(new SendResult.Accepted("gs-123"), r);
        StandInProvider.Request req = provider.requests.get(0);
        assertEquals("POST", req.method());
        assertEquals("/wa/api/v1/msg", req.path());
        assertEquals("gs-key", req.header("apikey"));
        assertEquals("application/x-www-form-urlencoded", req.header("Content-Type"));
        Map<String, String> form = form(req.body());
        assertEquals("whatsapp", form.get("channel"));
        assertEquals("917834811114", form.get("source"));
        assertEquals("919812345678", form.get("destination"));
        assertEquals("NgoBot", form.get("src.name"));
        JsonNode msg = JSON.readTree(form.get("message"));
        assertEquals("text", msg.get("type").asText());
        assertEquals("Hello", msg.get("text").asText());
    }

    @Test
    void quickRepliesAndListsAreInteractive() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-1\"}");
        sender.send(message(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.QUICK_REPLY,
                "Consent", "May we?", List.of("👍", "👎"), null, List.of())), "May we?"));
        JsonNode qr = JSON.readTree(form(provider.requests.get(0).body()).get("message"));
        assertEquals("quick_reply", qr.get("type").asText());
        assertEquals("May we?", qr.get("content").get("text").asText());
        assertEquals("Consent", qr.get("content").get("header").asText());
        assertEquals("👎", qr.get("options").get(1).get("title").asText());

        sender.send(message(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LIST, "Lang",
                "Pick one", List.of(), "Languages", List.of(new Interactive.Section("All",
                List.of(new Interactive.Row("Hindi", "हिंदी")))))), "Pick one"));
        JsonNode list = JSON.readTree(form(provider.requests.get(1).body()).get("message"));
        assertEquals("list", list.get("type").asText());
        assertEquals("Languages", list.get("globalButtons").get(0).get("title").asText());
        assertEquals("Hindi", list.get("items").get(0).get("options").get(0).get("title").asText());
    }

    @Test
    void aLocationRequestIsGlificsLocationRequestMessage() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-l\"}");
        sender.send(message(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LOCATION_REQUEST,
                null, "Send your location", List.of(), null, List.of())), "Send your location"));
        JsonNode m = JSON.readTree(form(provider.requests.get(0).body()).get("message"));
        assertEquals("location_request_message", m.get("type").asText());
        assertEquals("Send your location", m.get("body").get("text").asText());
        assertEquals("send_location", m.get("action").get("name").asText());
    }

    @Test
    void aTemplateGoesToTheTemplateEndpoint() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-t\"}");
        SendResult r = sender.send(message(new OutboundContent.Template("tpl-1", "en", List.of("Asha")), "tpl-1"));
        assertEquals(new SendResult.Accepted("gs-t"), r);
        assertEquals("/wa/api/v1/template/msg", provider.requests.get(0).path());
        JsonNode t = JSON.readTree(form(provider.requests.get(0).body()).get("template"));
        assertEquals("tpl-1", t.get("id").asText());
        assertEquals("Asha", t.get("params").get(0).asText());
    }

    @Test
    void aFlowTemplateIsNamedByItsUuid() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-t2\"}");
        sender.send(message(new OutboundContent.Template("visit_reminder", "hi", List.of("Asha", "Friday"),
                "7e1c6a5b-9f0d-4c2e-9a4b-5c6d7e8f9a01"), "visit_reminder"));
        assertEquals("/wa/api/v1/template/msg", provider.requests.get(0).path());
        JsonNode t = JSON.readTree(form(provider.requests.get(0).body()).get("template"));
        assertEquals("7e1c6a5b-9f0d-4c2e-9a4b-5c6d7e8f9a01", t.get("id").asText());
        assertEquals(List.of("Asha", "Friday"), List.of(t.get("params").get(0).asText(), t.get("params").get(1).asText()));
    }

    @Test
    void aRegisteredTemplateIsNamedByTheRegistrysProviderId() throws Exception {
        provider.answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-t3\"}");
        sender.send(message(new OutboundContent.Template("visit_reminder", "hi", List.of("Asha"),
                "7e1c6a5b-9f0d-4c2e-9a4b-5c6d7e8f9a01", TemplateCategory.UTILITY, "gs-approved-42"), "visit_reminder"));
        JsonNode t = JSON.readTree(form(provider.requests.get(0).body()).get("template"));
        assertEquals("gs-approved-42", t.get("id").asText());
    }

    @Test
    void mediaAreSessionMessagesOfTheirKind() throws Exception {
        provider.answerAlways(new StandInProvider.Answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-m\"}"));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.IMAGE, "https://cdn.example/a.jpg",
                "Your card")), "Your card"));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.FILE,
                "https://cdn.example/docs/form.pdf?v=2", "")), ""));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.AUDIO, "https://cdn.example/a.mp3",
                "ignored")), "ignored"));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.VIDEO, "https://cdn.example/v.mp4",
                "Watch")), "Watch"));
        List<JsonNode> sent = new java.util.ArrayList<>();
        for (StandInProvider.Request r : provider.requests) {
            assertEquals("/wa/api/v1/msg", r.path());
            sent.add(JSON.readTree(form(r.body()).get("message")));
        }
        assertEquals(JSON.readTree("{\"type\":\"image\",\"originalUrl\":\"https://cdn.example/a.jpg\","
                + "\"previewUrl\":\"https://cdn.example/a.jpg\",\"caption\":\"Your card\"}"), sent.get(0));
        assertEquals(JSON.readTree("{\"type\":\"file\",\"url\":\"https://cdn.example/docs/form.pdf?v=2\","
                + "\"filename\":\"form.pdf\"}"), sent.get(1));
        assertEquals(JSON.readTree("{\"type\":\"audio\",\"url\":\"https://cdn.example/a.mp3\"}"), sent.get(2));
        assertEquals(JSON.readTree("{\"type\":\"video\",\"url\":\"https://cdn.example/v.mp4\","
                + "\"caption\":\"Watch\"}"), sent.get(3));
    }

    @Test
    void errorsAreSortedIntoRateLimitedRetryAndRejected() {
        OutboundMessage m = message(new OutboundContent.Text("x", List.of()), "x");
        provider.answer(500, "{\"status\":\"error\"}");
        assertInstanceOf(SendResult.Retry.class, sender.send(m));
        provider.answer(429, "{\"status\":\"error\",\"message\":\"rate\"}");
        SendResult limited = sender.send(m);
        assertInstanceOf(SendResult.RateLimited.class, limited, "429 slows the pace down");
        assertTrue(((SendResult.RateLimited) limited).reason().startsWith("429"), limited.toString());
        provider.answer(400, "{\"status\":\"error\",\"message\":\"Invalid Destination\"}");
        assertInstanceOf(SendResult.Rejected.class, sender.send(m));
        provider.answer(401, "{\"status\":\"error\",\"message\":\"Authentication Failed\"}");
        assertInstanceOf(SendResult.Rejected.class, sender.send(m));
        provider.answerAlways(new StandInProvider.Answer(202, "{\"messageId\":\"late\"}", 2_000));
        assertInstanceOf(SendResult.Retry.class, sender.send(m), "a timeout is retried");
    }

    @Test
    void anUnreachableProviderIsRetried() {
        MessageSender nowhere = Senders.create(new SenderSettings("gupshup", java.net.URI.create("http://127.0.0.1:9"),
                "k", "1", "a", null, Duration.ofMillis(500)));
        assertInstanceOf(SendResult.Retry.class, nowhere.send(message(new OutboundContent.Text("x", List.of()), "x")));
    }
}
