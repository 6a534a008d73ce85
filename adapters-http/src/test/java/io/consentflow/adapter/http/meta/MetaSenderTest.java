package io.consentflow.adapter.http.meta;

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
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.consentflow.adapter.http.provider.OutboundMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class MetaSenderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final StandInProvider provider = new StandInProvider();
    final MessageSender sender = Senders.create(new SenderSettings("meta", provider.base(), "meta-token", null, null,
            "106540352242922", Duration.ofMillis(500)));

    @AfterEach
    void close() {
        provider.close();
    }

    JsonNode lastBody() throws Exception {
        return JSON.readTree(provider.requests.get(provider.requests.size() - 1).body());
    }

    @Test
    void aTextIsPostedWithTheBearerToken() throws Exception {
        provider.answer(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.X\"}]}");
        assertEquals(new SendResult.Accepted("wamid.X"), sender.send(message(new OutboundContent.Text("Hi", List.of()), "Hi")));
        StandInProvider.Request req = provider.requests.get(0);
        assertEquals("/106540352242922/messages", req.path());
        assertEquals("Bearer meta-token", req.header("Authorization"));
        JsonNode b = lastBody();
        assertEquals("whatsapp", b.get("messaging_product").asText());
        assertEquals("919812345678", b.get("to").asText());
        assertEquals("text", b.get("type").asText());
        assertEquals("Hi", b.get("text").get("body").asText());
    }

    @Test
    void buttonsListsAndTemplates() throws Exception {
        provider.answer(200, "{\"messages\":[{\"id\":\"wamid.Y\"}]}");
        sender.send(message(new OutboundContent.Text("Pick", List.of("1", "2")), "Pick"));
        JsonNode b = lastBody();
        assertEquals("interactive", b.get("type").asText());
        assertEquals("button", b.get("interactive").get("type").asText());
        assertEquals("2", b.get("interactive").get("action").get("buttons").get(1).get("reply").get("title").asText());

        sender.send(message(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LIST, null, "Pick",
                List.of(), "Options", List.of(new Interactive.Section("S", List.of(new Interactive.Row("A", "a")))))), "Pick"));
        b = lastBody();
        assertEquals("list", b.get("interactive").get("type").asText());
        assertEquals("Options", b.get("interactive").get("action").get("button").asText());
        assertEquals("A", b.get("interactive").get("action").get("sections").get(0).get("rows").get(0).get("title").asText());

        sender.send(message(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LOCATION_REQUEST,
                null, "Where are you?", List.of(), null, List.of())), "Where are you?"));
        b = lastBody();
        assertEquals("location_request_message", b.get("interactive").get("type").asText());
        assertEquals("Where are you?", b.get("interactive").get("body").get("text").asText());
        assertEquals("send_location", b.get("interactive").get("action").get("name").asText());

        sender.send(message(new OutboundContent.Template("welcome", "en_US", List.of("Asha")), "welcome"));
        b = lastBody();
        assertEquals("template", b.get("type").asText());
        assertEquals("welcome", b.get("template").get("name").asText());
        assertEquals("en_US", b.get("template").get("language").get("code").asText());
        assertEquals("Asha", b.get("template").get("components").get(0).get("parameters").get(0).get("text").asText());

        sender.send(message(new OutboundContent.Template("welcome", "hi", List.of(), null, TemplateCategory.MARKETING,
                "welcome_v2"), "welcome"));
        b = lastBody();
        assertEquals("welcome_v2", b.get("template").get("name").asText(), "the registry's name at Meta");
        assertEquals("hi", b.get("template").get("language").get("code").asText());
    }

    @Test
    void mediaAreLinkedWithTheirCaption() throws Exception {
        provider.answerAlways(new StandInProvider.Answer(200, "{\"messages\":[{\"id\":\"wamid.M\"}]}"));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.IMAGE, "https://cdn.example/a.jpg",
                "Your card")), "Your card"));
        JsonNode b = lastBody();
        assertEquals("image", b.get("type").asText());
        assertEquals(JSON.readTree("{\"link\":\"https://cdn.example/a.jpg\",\"caption\":\"Your card\"}"),
                b.get("image"));
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.FILE, "https://cdn.example/f.pdf",
                "Form")), "Form"));
        b = lastBody();
        assertEquals("document", b.get("type").asText());
        assertEquals("https://cdn.example/f.pdf", b.get("document").get("link").asText());
        sender.send(message(new OutboundContent.MediaContent(new Media(MessageType.AUDIO, "https://cdn.example/a.mp3",
                "no caption for audio")), ""));
        b = lastBody();
        assertEquals(JSON.readTree("{\"link\":\"https://cdn.example/a.mp3\"}"), b.get("audio"));
    }

    @Test
    void rateLimitsAreRateLimitedTemporaryErrorsRetriedOtherErrorsRejected() {
        var m = message(new OutboundContent.Text("x", List.of()), "x");
        // Meta answers its rate limits with 400 and the code in the body: throughput, pair rate, app and account calls
        for (int code : new int[]{130429, 131056, 4, 80007}) {
            provider.answer(400, "{\"error\":{\"code\":" + code + ",\"message\":\"Rate limit hit\"}}");
            assertInstanceOf(SendResult.RateLimited.class, sender.send(m), "code " + code);
        }
        provider.answer(429, "");
        assertInstanceOf(SendResult.RateLimited.class, sender.send(m), "HTTP 429 whatever the body");
        provider.answer(500, "{\"error\":{\"code\":131000,\"message\":\"Something went wrong\"}}");
        assertInstanceOf(SendResult.Retry.class, sender.send(m));
        provider.answer(400, "{\"error\":{\"code\":131016,\"message\":\"Service unavailable\"}}");
        assertInstanceOf(SendResult.Retry.class, sender.send(m), "a temporary code is retried, not slowed down for");
        provider.answer(400, "{\"error\":{\"code\":131047,\"message\":\"Re-engagement message\"}}");
        assertInstanceOf(SendResult.Rejected.class, sender.send(m));
        provider.answer(400, "not json");
        assertInstanceOf(SendResult.Rejected.class, sender.send(m));
        provider.answer(503, "");
        assertInstanceOf(SendResult.Retry.class, sender.send(m));
    }
}
