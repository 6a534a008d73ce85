package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryFailure;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.application.port.out.StorageUnavailableException;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GupshupWebhookTest {
    private static final String PATH = "/webhooks/gupshup";
    private static final Phone RAVI = new Phone("919900112233");

    @RegisterExtension
    final TestServer server = TestServer.open();

    @ParameterizedTest(name = "{0} -> {1} \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "text.json             | TEXT         | Namaste           | gs-in-text-0001     | 2026-01-01T00:00:00Z | ''",
            "quick-reply.json      | QUICK_REPLY  | Yes please        | gs-in-quick-0002    | 2026-01-01T00:00:01Z | ''",
            "button-reply.json     | BUTTON_REPLY | 👎                | gs-in-button-0003   | 2026-01-01T00:00:02Z | ''",
            "list-reply.json       | LIST_REPLY   | Marathi           | gs-in-list-0004     | 2026-01-01T00:00:03Z | ''",
            "image.json            | IMAGE        | lab report        | gs-in-image-0005    | 2026-01-01T00:00:04Z | https://files.example/report.jpg",
            "video-no-caption.json | VIDEO        | ''                | gs-in-video-0006    | 2026-01-01T00:00:05Z | https://files.example/clip.mp4",
            "file.json             | FILE         | consent form      | gs-in-file-0007     | 2026-01-01T00:00:06Z | https://files.example/form.pdf",
            "audio.json            | AUDIO        | ''                | gs-in-audio-0008    | 2026-01-01T00:00:07Z | https://files.example/voice.ogg",
            "sticker.json          | STICKER      | ''                | gs-in-sticker-0009  | 2026-01-01T00:00:08Z | https://files.example/smile.webp",
            "location.json         | LOCATION     | '19.0760,72.8777' | gs-in-location-0010 | 2026-01-01T00:00:09Z | ''",
            "contacts.json         | CONTACTS     | ''                | gs-in-contacts-0011 | 2026-01-01T00:00:10Z | ''",
    })
    void eachMessageTypeBecomesOneInboundMessage(String fixture, MessageType type, String text, String id,
                                                  String at, String url) {
        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/" + fixture));

        assertEquals(200, r.status(), r::toString);
        assertEquals("accepted", r.json().path("status").asText());
        List<InboundMessage> in = server.fakes.calls(InboundMessage.class);
        Media media = url.isEmpty() ? null : new Media(type, url, text);
        assertEquals(List.of(new InboundMessage("gupshup", id, RAVI, "Ravi", type, text, Instant.parse(at), media)),
                in);
        assertEquals(1, server.fakes.calls.size());
    }

    @Test
    void aMediaUrlThatIsNoStringIsNotKeptButTheMessageIs() {
        String body = """
                {"type":"message","timestamp":1767225600000,
                 "payload":{"id":"m-url","source":"919900112233","type":"image","payload":{"caption":"x","url":["a"]}}}""";

        assertEquals(200, server.post(PATH, body).status());

        InboundMessage m = server.fakes.calls(InboundMessage.class).get(0);
        assertEquals(MessageType.IMAGE, m.type());
        assertEquals("x", m.text());
        assertEquals(null, m.media());
    }

    @Test
    void senderPhoneIsUsedWhenThereIsNoSource() {
        String body = """
                {"type":"message","timestamp":1767225600000,
                 "payload":{"id":"m-1","type":"text","payload":{"text":"hi"},
                  "sender":{"phone":"+447700900123","name":"Imogen"}}}""";

        assertEquals(200, server.post(PATH, body).status());

        InboundMessage m = server.fakes.calls(InboundMessage.class).get(0);
        assertEquals(new Phone("447700900123"), m.phone());
        assertEquals("Imogen", m.senderName());
    }

    @Test
    void missingTimestampMeansNowAndNumericStringIsAccepted() {
        Instant before = Instant.now();
        server.post(PATH, """
                {"type":"message","payload":{"id":"m-1","source":"919900112233","type":"text","payload":{"text":"a"}}}""");
        Instant after = Instant.now();
        server.post(PATH, """
                {"type":"message","timestamp":"1767225600000",
                 "payload":{"id":"m-2","source":"919900112233","type":"text","payload":{"text":"b"}}}""");

        List<InboundMessage> in = server.fakes.calls(InboundMessage.class);
        assertEquals(2, in.size());
        assertFalse(in.get(0).at().isBefore(before.minusMillis(1)), in.get(0).at() + " before " + before);
        assertFalse(in.get(0).at().isAfter(after), in.get(0).at() + " after " + after);
        assertNull(in.get(0).senderName());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), in.get(1).at());
    }

    @Test
    void aRepeatedDeliveryIsAnsweredDuplicate() {
        String body = Fixtures.read("gupshup/text.json");
        assertEquals("accepted", server.post(PATH, body).json().path("status").asText());

        TestServer.Reply again = server.post(PATH, body);

        assertEquals(200, again.status());
        assertEquals("duplicate", again.json().path("status").asText());
    }

    @ParameterizedTest
    @CsvSource({"user-event-opted-in.json, OPTED_IN, opted-in, 2026-01-01T00:01:40Z",
            "user-event-opted-out.json, OPTED_OUT, opted-out, 2026-01-01T00:03:20Z"})
    void userEventsChangeConsentWithMethodBsp(String fixture, ConsentState to, String kind, String at) {
        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/" + fixture));

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(new ChangeConsentCommand(RAVI, to, ConsentMethod.BSP, "gupshup:user-event:" + kind,
                Instant.parse(at), true)), server.fakes.calls(ChangeConsentCommand.class));
    }

    @ParameterizedTest
    @CsvSource({"enqueued, ENQUEUED", "sent, SENT", "delivered, DELIVERED", "read, READ"})
    void messageEventsRecordTheDeliveryStatusAtTheEventTime(String kind, MessageStatus status) {
        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/message-event-" + kind + ".json"));

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(DeliveryStatus.of("gupshup", "wamid-out-0042", "3f6a9c2e-8d1b-4e7f-a5c3-9b0d2e4f6a81",
                        RAVI, status, Instant.ofEpochSecond(1767225999))),
                server.fakes.calls(DeliveryStatus.class));
    }

    @Test
    void aFailedEventCarriesCodeAndReasonAndFallsBackToTheCallbackTime() {
        server.post(PATH, Fixtures.read("gupshup/message-event-failed.json"));

        assertEquals(List.of(new DeliveryStatus("gupshup", "wamid-out-0042", "3f6a9c2e-8d1b-4e7f-a5c3-9b0d2e4f6a81",
                        RAVI, MessageStatus.FAILED, Instant.ofEpochMilli(1767226100000L),
                        DeliveryFailure.NUMBER_NOT_ON_WHATSAPP, "1002: Number Does Not Exists On WhatsApp")),
                server.fakes.calls(DeliveryStatus.class));
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1002      | NUMBER_NOT_ON_WHATSAPP | 1002: gone",
            "'\"1002\"' | NUMBER_NOT_ON_WHATSAPP | 1002: gone",
            "1003      | OTHER                  | 1003: gone",
            "470       | OTHER                  | 470: gone",
    })
    void onlyGupshupsCode1002MeansTheNumberIsNotOnWhatsApp(String code, DeliveryFailure failure, String detail) {
        server.post(PATH, """
                {"type":"message-event","timestamp":1767226100000,
                 "payload":{"id":"out-7","type":"failed","destination":"919900112233",
                  "payload":{"code":%s,"reason":"gone"}}}""".formatted(code));

        DeliveryStatus status = server.fakes.calls(DeliveryStatus.class).get(0);
        assertEquals(failure, status.failure());
        assertEquals(detail, status.failureDetail());
    }

    @Test
    void aFailedEventWithoutCodeOrReasonHasNoDetail() {
        server.post(PATH, """
                {"type":"message-event","timestamp":1767226100000,
                 "payload":{"id":"out-8","type":"failed","destination":"919900112233"}}""");

        DeliveryStatus status = server.fakes.calls(DeliveryStatus.class).get(0);
        assertEquals(DeliveryFailure.OTHER, status.failure());
        assertNull(status.failureDetail());
    }

    @Test
    void aMessageEventWithoutDestinationHasNoPhone() {
        server.post(PATH, """
                {"type":"message-event","timestamp":1767226100000,"payload":{"id":"x-1","type":"sent"}}""");

        DeliveryStatus d = server.fakes.calls(DeliveryStatus.class).get(0);
        assertNull(d.phone());
        assertNull(d.altProviderId());
        assertEquals(Instant.ofEpochMilli(1767226100000L), d.at());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-event-sandbox-start.json", "billing-event.json", "reaction.json"})
    void typesWeDoNotHandleAreAcknowledgedAndIgnored(String fixture) {
        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/" + fixture));

        assertEquals(200, r.status(), r::toString);
        assertEquals("ignored", r.json().path("status").asText());
        assertTrue(server.fakes.calls.isEmpty(), () -> "use cases called: " + server.fakes.calls);
    }

    @Test
    void anUnknownMessageEventTypeIsIgnored() {
        TestServer.Reply r = server.post(PATH, """
                {"type":"message-event","payload":{"id":"x","type":"deleted"}}""");

        assertEquals(200, r.status());
        assertTrue(server.fakes.calls.isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON                       | `{\"type\":\"message\",`                                                                   | body",
            "an array                       | `[1,2]`                                                                                   | body",
            "empty                          | ``                                                                                        | body",
            "trailing garbage               | `{\"type\":\"message\"} x`                                                                | body",
            "no type                        | `{\"payload\":{}}`                                                                         | type",
            "type a number                  | `{\"type\":7}`                                                                             | type",
            "timestamp not a number         | `{\"type\":\"message\",\"timestamp\":\"soon\",\"payload\":{\"id\":\"a\",\"source\":\"919900112233\",\"type\":\"text\"}}` | timestamp",
            "timestamp a fraction           | `{\"type\":\"message\",\"timestamp\":1.5,\"payload\":{\"id\":\"a\",\"source\":\"919900112233\",\"type\":\"text\"}}` | timestamp",
            "no payload                     | `{\"type\":\"message\"}`                                                                   | payload",
            "payload a string               | `{\"type\":\"message\",\"payload\":\"hi\"}`                                                | payload",
            "no payload.type                | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"source\":\"919900112233\"}}`            | payload.type",
            "id a number                    | `{\"type\":\"message\",\"payload\":{\"id\":42,\"source\":\"919900112233\",\"type\":\"text\"}}` | payload.id",
            "id an object                   | `{\"type\":\"message\",\"payload\":{\"id\":{\"x\":1},\"source\":\"919900112233\",\"type\":\"text\"}}` | payload.id",
            "id missing                     | `{\"type\":\"message\",\"payload\":{\"source\":\"919900112233\",\"type\":\"text\"}}`       | payload.id",
            "id blank                       | `{\"type\":\"message\",\"payload\":{\"id\":\" \",\"source\":\"919900112233\",\"type\":\"text\"}}` | payload.id",
            "no phone at all                | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"type\":\"text\"}}`                      | payload.source",
            "source not a phone             | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"source\":\"12ab\",\"type\":\"text\"}}`  | payload.source",
            "source a number                | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"source\":919900112233,\"type\":\"text\"}}` | payload.source",
            "sender.phone not a phone       | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"type\":\"text\",\"sender\":{\"phone\":\"0123\"}}}` | payload.sender.phone",
            "sender a string                | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"type\":\"text\",\"sender\":\"x\"}}`     | payload.sender",
            "text a number                  | `{\"type\":\"message\",\"payload\":{\"id\":\"a\",\"source\":\"919900112233\",\"type\":\"text\",\"payload\":{\"text\":5}}}` | payload.payload.text",
            "user-event without phone       | `{\"type\":\"user-event\",\"payload\":{\"type\":\"opted-out\"}}`                           | payload.phone",
            "user-event bad phone           | `{\"type\":\"user-event\",\"payload\":{\"type\":\"opted-in\",\"phone\":\"+\"}}`            | payload.phone",
            "message-event without id       | `{\"type\":\"message-event\",\"payload\":{\"type\":\"read\"}}`                             | payload.id",
            "message-event bad destination  | `{\"type\":\"message-event\",\"payload\":{\"id\":\"a\",\"type\":\"read\",\"destination\":\"abc\"}}` | payload.destination",
            "message-event ts not a number  | `{\"type\":\"message-event\",\"payload\":{\"id\":\"a\",\"type\":\"read\",\"payload\":{\"ts\":\"later\"}}}` | payload.payload.ts",
    })
    void aMalformedCallbackIsA400NamingTheFieldAndReachesNoUseCase(String why, String body, String field) {
        TestServer.Reply r = server.post(PATH, body == null ? "" : body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        JsonNode p = r.json();
        assertEquals("about:blank", p.path("type").asText());
        assertEquals("Bad Request", p.path("title").asText());
        assertEquals(400, p.path("status").asInt());
        assertFalse(p.path("detail").asText().isBlank());
        assertEquals(field, p.path("field").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty(), () -> "use cases called: " + server.fakes.calls);
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        try (TestServer small = new TestServer(new HttpSettings(null, null, null, null, 1024))) {
            String big = """
                    {"type":"message","payload":{"id":"a","source":"919900112233","type":"text",
                     "payload":{"text":"%s"}}}""".formatted("x".repeat(2000));

            TestServer.Reply r = small.post(PATH, big);

            assertEquals(413, r.status(), r::toString);
            assertTrue(r.isProblem());
            assertEquals(413, r.json().path("status").asInt());
            assertTrue(small.fakes.calls.isEmpty());
            // a body under the limit still goes through
            assertEquals(200, small.post(PATH, Fixtures.read("gupshup/text.json")).status());
        }
    }

    @Test
    void theDefaultLimitIs256KiB() {
        String filler = "x".repeat(270 * 1024);
        String big = """
                {"type":"message","payload":{"id":"a","source":"919900112233","type":"text","payload":{"text":"%s"}}}"""
                .formatted(filler);

        TestServer.Reply r = server.post(PATH, big);

        assertEquals(413, r.status(), () -> r.status() + " " + r.contentType());
        assertTrue(r.isProblem());
        assertTrue(server.fakes.calls.isEmpty());
        assertEquals(200, server.post(PATH, big.replace(filler, "x".repeat(250 * 1024))).status());
    }

    @Test
    void withATokenSetOnlyCallbacksCarryingItAreAccepted() {
        try (TestServer guarded = new TestServer(new HttpSettings(null, "gs-T0ken", null, null, 0))) {
            String body = Fixtures.read("gupshup/text.json");

            TestServer.Reply none = guarded.post(PATH, body);
            TestServer.Reply wrong = guarded.post(PATH + "?token=gs-T0kem", body);
            assertEquals(401, none.status(), none::toString);
            assertTrue(none.isProblem());
            assertEquals(401, wrong.status());
            assertTrue(guarded.fakes.calls.isEmpty());

            assertEquals(200, guarded.post(PATH + "?token=gs-T0ken", body).status());
            assertEquals(1, guarded.fakes.calls(InboundMessage.class).size());
        }
    }

    @Test
    void storageUnavailableIsA503SoTheProviderRetries() {
        server.fakes.failWith = new StorageUnavailableException("db down", null);

        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/text.json"));

        assertEquals(503, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("Service Unavailable", r.json().path("title").asText());
    }

    @Test
    void anUnexpectedFailureIsA500WithoutStackTrace() {
        server.fakes.failWith = new IllegalStateException("secret internals");

        TestServer.Reply r = server.post(PATH, Fixtures.read("gupshup/text.json"));

        assertEquals(500, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertFalse(r.body().contains("secret internals"), r.body());
        assertFalse(r.body().contains("at io.consentflow"), r.body());
    }
}
