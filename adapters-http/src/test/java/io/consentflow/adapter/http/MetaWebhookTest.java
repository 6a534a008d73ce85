package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryFailure;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaWebhookTest {
    private static final String PATH = "/webhooks/meta";
    private static final Phone IMOGEN = new Phone("447700900123");
    private static final Phone TARIQ = new Phone("447700900456");

    @RegisterExtension
    final TestServer server = TestServer.open();

    @ParameterizedTest(name = "{0} -> {1} \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "text.json             | TEXT         | Opt-Out!          | wamid.meta-text-01   | 1767225600 | ''",
            "interactive-list.json | LIST_REPLY   | Evening           | wamid.meta-list-02   | 1767225660 | ''",
            "template-button.json  | QUICK_REPLY  | Stop promotions   | wamid.meta-button-03 | 1767225720 | ''",
            "document.json         | FILE         | signed form       | wamid.meta-doc-04    | 1767225780 | 998877",
            "location.json         | LOCATION     | '51.5072,-0.1276' | wamid.meta-loc-05    | 1767225840 | ''",
    })
    void eachMessageBecomesAnInboundMessageNamedFromContacts(String fixture, MessageType type, String text,
                                                             String id, long seconds, String mediaId) {
        TestServer.Reply r = server.post(PATH, Fixtures.read("meta/" + fixture));

        assertEquals(200, r.status(), r::toString);
        Media media = mediaId.isEmpty() ? null : new Media(type, mediaId, text);
        assertEquals(List.of(new InboundMessage("meta", id, IMOGEN, "Imogen", type, text,
                Instant.ofEpochSecond(seconds), media)), server.fakes.calls(InboundMessage.class));
    }

    @Test
    void mediaWithoutCaptionAndContactsHaveEmptyText() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
                  "messages":[
                   {"from":"447700900123","id":"w1","timestamp":"1767225600","type":"image","image":{"id":"1"}},
                   {"from":"447700900123","id":"w2","timestamp":"1767225600","type":"sticker","sticker":{"id":"2"}},
                   {"from":"447700900123","id":"w3","timestamp":"1767225600","type":"audio","audio":{"id":"3"}},
                   {"from":"447700900123","id":"w4","timestamp":"1767225600","type":"video","video":{"caption":"x-ray"}},
                   {"from":"447700900123","id":"w5","timestamp":"1767225600","type":"contacts","contacts":[{"name":{"formatted_name":"A"}}]}]}}]}]}""";

        assertEquals(200, server.post(PATH, body).status());

        List<InboundMessage> in = server.fakes.calls(InboundMessage.class);
        assertEquals(List.of(MessageType.IMAGE, MessageType.STICKER, MessageType.AUDIO, MessageType.VIDEO,
                MessageType.CONTACTS), in.stream().map(InboundMessage::type).toList());
        assertEquals(List.of("", "", "", "x-ray", ""), in.stream().map(InboundMessage::text).toList());
        assertNull(in.get(0).senderName(), "no contacts[] in this callback");
        assertEquals(new Media(MessageType.IMAGE, "1", ""), in.get(0).media(), "Meta names the file by its media id");
        assertNull(in.get(3).media(), "no id, no URL: nothing to keep");
        assertNull(in.get(4).media());
    }

    @Test
    void aCallbackWithSeveralEntriesChangesMessagesStatusesAndPreferencesHandlesEachInOrder() {
        TestServer.Reply r = server.post(PATH, Fixtures.read("meta/batch.json"));

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(
                new InboundMessage("meta", "wamid.batch-in-1", IMOGEN, "Imogen", MessageType.TEXT, "hello",
                        Instant.ofEpochSecond(1767226100)),
                new InboundMessage("meta", "wamid.batch-in-2", TARIQ, "Tariq", MessageType.BUTTON_REPLY, "👍",
                        Instant.ofEpochSecond(1767226101)),
                // the reaction is not a message we handle
                DeliveryStatus.of("meta", "wamid.batch-out-1", null, IMOGEN, MessageStatus.DELIVERED,
                        Instant.ofEpochSecond(1767226103)),
                DeliveryStatus.of("meta", "wamid.batch-out-2", null, TARIQ, MessageStatus.READ,
                        Instant.ofEpochSecond(1767226104)),
                // account_update is ignored
                new ChangeConsentCommand(IMOGEN, ConsentState.OPTED_OUT, ConsentMethod.BSP,
                        "meta:user_preferences:stop", Instant.ofEpochSecond(1767226105), true, null,
                        ConsentTopic.MARKETING),
                new ChangeConsentCommand(TARIQ, ConsentState.OPTED_IN, ConsentMethod.BSP,
                        "meta:user_preferences:resume", Instant.ofEpochSecond(1767226106), true,
                        "meta:user_preferences:stop", ConsentTopic.MARKETING),
                DeliveryStatus.of("meta", "wamid.batch-out-3", null, new Phone("447700900789"), MessageStatus.SENT,
                        Instant.ofEpochSecond(1767226107))
        ), server.fakes.calls);
    }

    @Test
    void aFailedStatusCarriesTheFirstErrorsCodeAndTitle() {
        server.post(PATH, Fixtures.read("meta/status-failed.json"));

        assertEquals(List.of(new DeliveryStatus("meta", "wamid.meta-out-09", null, IMOGEN, MessageStatus.FAILED,
                        Instant.ofEpochSecond(1767225900), DeliveryFailure.OTHER, "131047: Re-engagement message")),
                server.fakes.calls(DeliveryStatus.class));
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({"130429, RATE_LIMITED", "131056, RATE_LIMITED", "4, RATE_LIMITED", "80007, RATE_LIMITED",
            "131000, OTHER", "131026, OTHER", "1002, OTHER"})
    void aFailedStatusSaysWhetherMetaRateLimitedIt(String code, DeliveryFailure failure) {
        server.post(PATH, """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "statuses":[{"id":"wamid.out-rl","status":"failed","timestamp":"1767225900","recipient_id":"447700900123",
                  "errors":[{"code":%s,"title":"refused"}]}]}}]}]}""".formatted(code));

        DeliveryStatus status = server.fakes.calls(DeliveryStatus.class).get(0);
        assertEquals(failure, status.failure());
        assertEquals(code + ": refused", status.failureDetail());
    }

    @Test
    void aStopOfMarketingMessagesStopsTheMarketingTopicOnly() {
        server.post(PATH, Fixtures.read("meta/user-preferences.json"));

        assertEquals(List.of(new ChangeConsentCommand(IMOGEN, ConsentState.OPTED_OUT, ConsentMethod.BSP,
                        "meta:user_preferences:stop", Instant.ofEpochSecond(1767226000), true, null,
                        ConsentTopic.MARKETING)),
                server.fakes.calls(ChangeConsentCommand.class));
    }

    @Test
    void aResumeOfMarketingMessagesResumesTheMarketingTopic() {
        server.post(PATH, Fixtures.read("meta/user-preferences-resume.json"));

        assertEquals(List.of(new ChangeConsentCommand(IMOGEN, ConsentState.OPTED_IN, ConsentMethod.BSP,
                        "meta:user_preferences:resume", Instant.ofEpochSecond(1767226900), true,
                        "meta:user_preferences:stop", ConsentTopic.MARKETING)),
                server.fakes.calls(ChangeConsentCommand.class));
    }

    @Test
    void aFailedStatusOfAContactWhoStoppedMarketingSaysSo() {
        server.post(PATH, Fixtures.read("meta/status-failed-marketing-stopped.json"));

        DeliveryStatus status = server.fakes.calls(DeliveryStatus.class).get(0);
        assertEquals(DeliveryFailure.MARKETING_STOPPED, status.failure());
        assertEquals("131050: Unable to deliver the message. This recipient has chosen to stop receiving marketing "
                + "messages on WhatsApp from your business", status.failureDetail());
    }

    @Test
    void otherFieldsStatusesAndPreferencesAreIgnored() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"changes":[
                  {"field":"message_template_status_update","value":{"event":"APPROVED"}},
                  {"field":"messages","value":{"statuses":[{"id":"w","status":"deleted","timestamp":"1"}],
                   "user_preferences":[{"wa_id":"447700900123","value":"later","timestamp":1}]}}]}]}""";

        TestServer.Reply r = server.post(PATH, body);

        assertEquals(200, r.status(), r::toString);
        assertEquals("ignored", r.json().path("status").asText());
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON            | `{\"entry\":[`                                                                  | body",
            "not an object       | `\"hello\"`                                                                     | body",
            "entry not an array  | `{\"entry\":{}}`                                                                | entry",
    })
    void aBodyThatIsNoCallbackIsA400NamingTheField(String why, String body, String field) {
        TestServer.Reply r = server.post(PATH, body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("Bad Request", r.json().path("title").asText());
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "entry not object    | `{\"entry\":[7]}`                                                               | entry[0]",
            "change not object   | `{\"entry\":[{\"changes\":[1]}]}`                                               | entry[0].changes[0]",
            "changes not array   | `{\"entry\":[{\"changes\":\"x\"}]}`                                             | entry[0].changes",
            "id a number         | `{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"447700900123\",\"id\":5,\"timestamp\":\"1\",\"type\":\"text\"}]}}]}]}` | entry[0].changes[0].value.messages[0].id",
            "from missing        | `{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"id\":\"w\",\"timestamp\":\"1\",\"type\":\"text\"}]}}]}]}` | entry[0].changes[0].value.messages[0].from",
            "from not a phone    | `{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"x1\",\"id\":\"w\",\"timestamp\":\"1\",\"type\":\"text\"}]}}]}]}` | entry[0].changes[0].value.messages[0].from",
            "timestamp not digits| `{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"447700900123\",\"id\":\"w\",\"timestamp\":\"noon\",\"type\":\"text\"}]}}]}]}` | entry[0].changes[0].value.messages[0].timestamp",
            "status id missing   | `{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[{\"status\":\"read\",\"timestamp\":\"1\"}]}}]}]}` | entry[0].changes[0].value.statuses[0].id",
            "wa_id not a phone   | `{\"entry\":[{\"changes\":[{\"field\":\"user_preferences\",\"value\":{\"user_preferences\":[{\"wa_id\":\"abc\",\"value\":\"stop\"}]}}]}]}` | entry[0].changes[0].value.user_preferences[0].wa_id",
    })
    void aMalformedItemIsSkippedNamedAnd200SoMetaDoesNotRetryIt(String why, String body, String field) {
        TestServer.Reply r = server.post(PATH, body);

        assertEquals(200, r.status(), r::toString);
        assertEquals("ignored", r.json().path("status").asText(), r::toString);
        assertEquals(field, r.json().path("skipped").path(0).path("field").asText(), r::toString);
        assertEquals(1, r.json().path("skipped").size(), r::toString);
        assertTrue(server.fakes.calls.isEmpty());
    }

    @Test
    void oneBadMessageIsSkippedAndEveryGoodItemOfTheCallbackApplied() {
        // a 400 for the whole callback would make Meta retry it, good messages and all, for days
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{"messages":[
                  {"from":"447700900123","id":"good","timestamp":"1767225600","type":"text","text":{"body":"hi"}},
                  {"from":"447700900123","id":["bad"],"timestamp":"1767225600","type":"text","text":{"body":"hi"}},
                  {"from":"447700900456","id":"good-2","timestamp":"1767225601","type":"text","text":{"body":"yo"}}],
                  "statuses":[{"id":"wamid.out-1","status":"read","timestamp":"1767225602"},
                              {"id":"wamid.out-2","status":"read","timestamp":"tea time"}]}},
                  7,
                  {"field":"user_preferences","value":{"user_preferences":[
                     {"wa_id":"447700900123","value":"stop","timestamp":1767225603}]}}]}]}""";

        TestServer.Reply r = server.post(PATH, body);

        assertEquals(200, r.status(), r::toString);
        assertEquals("accepted", r.json().path("status").asText());
        assertEquals(List.of("good", "good-2"), server.fakes.calls(InboundMessage.class).stream()
                .map(InboundMessage::providerId).toList());
        assertEquals(List.of("wamid.out-1"), server.fakes.calls(DeliveryStatus.class).stream()
                .map(DeliveryStatus::providerId).toList());
        assertEquals(1, server.fakes.calls(ChangeConsentCommand.class).size());
        List<String> skipped = new java.util.ArrayList<>();
        r.json().path("skipped").forEach(s -> skipped.add(s.path("field").asText()));
        assertEquals(List.of("entry[0].changes[1]", "entry[0].changes[0].value.messages[1].id",
                "entry[0].changes[0].value.statuses[1].timestamp"), skipped);
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        try (TestServer small = new TestServer(new HttpSettings(null, null, null, null, 512))) {
            TestServer.Reply r = small.post(PATH, Fixtures.read("meta/batch.json"));

            assertEquals(413, r.status(), r::toString);
            assertTrue(r.isProblem());
            assertTrue(small.fakes.calls.isEmpty());
        }
    }

    @Nested
    class Signature {
        private static final String SECRET = "app-secret-42";
        private TestServer signed;

        @BeforeEach
        void start() {
            signed = new TestServer(new HttpSettings(null, null, null, SECRET, 0));
        }

        @AfterEach
        void stop() {
            signed.close();
        }

        @Test
        void aCallbackSignedOverItsRawBytesIsAccepted() {
            // odd spacing: the signature covers the bytes as sent, not a re-serialisation
            byte[] raw = Fixtures.read("meta/text.json").replace("\"type\":\"text\"", "\"type\" :  \"text\"")
                    .getBytes(StandardCharsets.UTF_8);

            TestServer.Reply r = signed.post(PATH, raw, "X-Hub-Signature-256", "sha256=" + hmac(SECRET, raw));

            assertEquals(200, r.status(), r::toString);
            assertEquals(1, signed.fakes.calls(InboundMessage.class).size());
        }

        @Test
        void upperCaseHexIsTheSameSignature() {
            byte[] raw = Fixtures.read("meta/text.json").getBytes(StandardCharsets.UTF_8);

            TestServer.Reply r = signed.post(PATH, raw, "X-Hub-Signature-256",
                    "sha256=" + hmac(SECRET, raw).toUpperCase(java.util.Locale.ROOT));

            assertEquals(200, r.status(), r::toString);
        }

        @Test
        void aWrongOrMissingSignatureIs401AndNothingIsHandled() {
            byte[] raw = Fixtures.read("meta/text.json").getBytes(StandardCharsets.UTF_8);
            byte[] tampered = Fixtures.read("meta/text.json").replace("Opt-Out!", "Opt-In!")
                    .getBytes(StandardCharsets.UTF_8);

            TestServer.Reply missing = signed.post(PATH, raw);
            TestServer.Reply otherBody = signed.post(PATH, tampered, "X-Hub-Signature-256", "sha256=" + hmac(SECRET, raw));
            TestServer.Reply otherKey = signed.post(PATH, raw, "X-Hub-Signature-256", "sha256=" + hmac("guess", raw));
            TestServer.Reply noPrefix = signed.post(PATH, raw, "X-Hub-Signature-256", hmac(SECRET, raw));

            for (TestServer.Reply r : List.of(missing, otherBody, otherKey, noPrefix)) {
                assertEquals(401, r.status(), r::toString);
                assertTrue(r.isProblem(), r::toString);
                assertEquals("Unauthorized", r.json().path("title").asText());
            }
            assertTrue(signed.fakes.calls.isEmpty());
        }

        @Test
        void aMalformedButUnsignedBodyIs401NotParsed() {
            assertEquals(401, signed.post(PATH, "{not json").status());
        }
    }

    @Nested
    class Handshake {
        @Test
        void theChallengeIsEchoedWhenTheTokenMatches() {
            try (TestServer s = new TestServer(new HttpSettings(null, null, "verify-me", null, 0))) {
                TestServer.Reply r = s.get(PATH + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");

                assertEquals(200, r.status(), r::toString);
                assertTrue(r.contentType().startsWith("text/plain"), r::toString);
                assertEquals("1158201444", r.body());
            }
        }

        @Test
        void headAnswersAsGetDoes() {
            // HEAD must refuse a wrong token exactly as GET does
            try (TestServer s = new TestServer(new HttpSettings(null, null, "verify-me", null, 0))) {
                String wrong = PATH + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1";
                String right = PATH + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1";

                assertEquals(403, s.get(wrong).status());
                assertEquals(403, s.method("HEAD", wrong).status());
                assertEquals(403, s.method("HEAD", PATH).status());
                assertEquals(200, s.get(right).status());
                assertEquals(200, s.method("HEAD", right).status());
            }
        }

        @Test
        void aWrongTokenOrModeIs403() {
            try (TestServer s = new TestServer(new HttpSettings(null, null, "verify-me", null, 0))) {
                TestServer.Reply wrongToken = s.get(PATH + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");
                TestServer.Reply wrongMode = s.get(PATH + "?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1");
                TestServer.Reply noToken = s.get(PATH + "?hub.mode=subscribe&hub.challenge=1");

                for (TestServer.Reply r : List.of(wrongToken, wrongMode, noToken)) {
                    assertEquals(403, r.status(), r::toString);
                    assertTrue(r.isProblem());
                }
            }
        }

        @Test
        void withoutAConfiguredTokenEveryHandshakeIs403() {
            TestServer.Reply r = server.get(PATH + "?hub.mode=subscribe&hub.verify_token=&hub.challenge=1");

            assertEquals(403, r.status(), r::toString);
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
