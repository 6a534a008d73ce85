package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.consentflow.bootstrap.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes {@code POST /webhooks/gupshup} and {@code POST /webhooks/meta} of the running service with
 * {@value FuzzConfig#COUNT}-ish inputs each (see {@link FuzzConfig}): the provider payload samples
 * ({@code src/test/resources/fixtures/gupshup|meta}) with fresh ids and phones, mutated on the tree and on the bytes,
 * judged by {@link WebhookSpecs}. The fixture flows are imported and set as the opt-in and new-contact flows, so
 * valid inputs run the engine; some outbound messages are planted so delivery events find something to update.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFuzzTest {
    static final String GUPSHUP = "POST /webhooks/gupshup";
    static final String META = "POST /webhooks/meta";
    static FuzzSuite suite;
    static final List<String> PHONES = new ArrayList<>();
    static final List<String> GUPSHUP_OUT = new ArrayList<>();
    static final List<String> META_OUT = new ArrayList<>();

    @BeforeAll
    static void start() {
        suite = new FuzzSuite("webhooks");
        suite.importFixture();
        Http.Response r = suite.http.put("/api/v1/settings", "{\"optinFlow\":\"" + FuzzSuite.CONSENT_FLOW
                + "\",\"newContactFlow\":\"" + FuzzSuite.CONSENT_FLOW + "\"}");
        assertEquals(200, r.status(), r.body());
        Random rnd = FuzzConfig.random("webhook-setup");
        for (int i = 0; i < 150; i++) PHONES.add("9198" + String.format("%08d", rnd.nextInt(100_000_000)));
        PHONES.add("919812345678");
        // outbound messages the providers may report on (planted behind the service's back)
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String g = "gs-out-" + i;
            String m = "wamid.out" + String.format("%04d", i);
            GUPSHUP_OUT.add(g);
            META_OUT.add(m);
            for (String[] pm : new String[][]{{"gupshup", g}, {"meta", m}}) {
                sql.append("INSERT INTO messages (id, phone, direction, type, text, provider, provider_id, status, at) VALUES ('")
                        .append(UUID.randomUUID()).append("', '").append(PHONES.get(i)).append("', 'outbound', 'text', 'hi', '")
                        .append(pm[0]).append("', '").append(pm[1]).append("', 'sent', now());");
            }
        }
        suite.service.db.execute(sql.toString());
    }

    @AfterAll
    static void stop() {
        if (suite == null) return;
        suite.finish();
        suite.close();
    }

    @Test
    @Order(1)
    void gupshupWebhook() {
        List<String> vocabulary = List.of("message", "user-event", "message-event", "text", "quick_reply",
                "button_reply", "list_reply", "image", "file", "audio", "video", "sticker", "location", "contact",
                "contacts", "opted-in", "opted-out", "enqueued", "sent", "delivered", "read", "failed", "payload",
                "type", "id", "source", "sender", "phone", "name", "timestamp", "gsId", "destination", "ts", "code",
                "reason", "caption", "title", "latitude", "longitude", "STOP", "optin", "👍", "1002", "sandbox-start");
        Map<String, JsonNode> corpus = Corpus.dir("gupshup");
        List<String> names = new ArrayList<>(corpus.keySet());
        List<FuzzCase> cases = Generate.cases(GUPSHUP, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            String seed = mut.pick(names);
            JsonNode tree = corpus.get(seed).deepCopy();
            freshenGupshup(tree, mut);
            List<String> how = new ArrayList<>(List.of(seed));
            byte[] body = Generate.body(tree, mut, how, WebhookSpecs.BODY_LIMIT);
            String target = "/webhooks/gupshup?token=" + FuzzSuite.HOOK_TOKEN;
            Set<Integer> allowed;
            if (mut.chance(0.03)) {
                target = mut.pick(new String[]{"/webhooks/gupshup", "/webhooks/gupshup?token=hook-tokeN",
                        "/webhooks/gupshup?token=", "/webhooks/gupshup?token=%ZZ", "/webhooks/gupshup?Token=hook-token"});
                how.add("bad token");
                allowed = Set.of(401);
            } else {
                if (mut.chance(0.03)) target += mut.pick(new String[]{"&token=other", "&x=%ZZ", "&token", "&&"});
                allowed = WebhookSpecs.gupshup(body);
            }
            return truncated(new FuzzCase(GUPSHUP, i, String.join("; ", how), "POST", target,
                    new HashMap<>(mut.contentType()), body, allowed, false, null), mut);
        });
        suite.runner.run(cases);
        assertNoOutOfRangeTimes();
        suite.runner.assertNoFailures(GUPSHUP);
    }

    @Test
    @Order(2)
    void metaWebhook() {
        List<String> vocabulary = List.of("entry", "changes", "field", "value", "messages", "statuses",
                "user_preferences", "contacts", "wa_id", "profile", "name", "from", "id", "timestamp", "type", "text",
                "body", "interactive", "button_reply", "list_reply", "title", "button", "image", "video", "audio",
                "sticker", "document", "caption", "location", "latitude", "longitude", "status", "sent", "delivered",
                "read", "failed", "errors", "code", "message", "recipient_id", "stop", "resume", "account_update",
                "STOP", "optin");
        Map<String, JsonNode> corpus = Corpus.dir("meta");
        List<String> names = new ArrayList<>(corpus.keySet());
        List<FuzzCase> cases = Generate.cases(META, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            String seed = mut.pick(names);
            JsonNode tree = corpus.get(seed).deepCopy();
            freshenMeta(tree, mut);
            List<String> how = new ArrayList<>(List.of(seed));
            byte[] body = Generate.body(tree, mut, how, WebhookSpecs.BODY_LIMIT);
            return truncated(new FuzzCase(META, i, String.join("; ", how), "POST", "/webhooks/meta",
                    new HashMap<>(mut.contentType()), body, WebhookSpecs.meta(body), false, null), mut);
        });
        suite.runner.run(cases);
        assertNoOutOfRangeTimes();
        suite.runner.assertNoFailures(META);
    }

    /**
     * Now and then a body that ends before the Content-Length it announces (the client closes its side): a 400
     * (or the 401 that comes first; a 413 when the announced length is over the limit), never a 5xx.
     */
    static FuzzCase truncated(FuzzCase c, Mutator mut) {
        if (c.body() == null || c.body().length > 32 * 1024 || !mut.chance(0.01)) return c;
        long declared = c.body().length + 1 + mut.random().nextInt(mut.chance(0.1) ? 400_000 : 100);
        Set<Integer> allowed = c.allowed().contains(401) ? Set.of(401)
                : declared > WebhookSpecs.BODY_LIMIT ? Set.of(400, 413) : Set.of(400);
        Map<String, String> h = new HashMap<>(c.headers());
        h.put("Content-Length", Long.toString(declared));
        return new FuzzCase(c.endpoint(), c.index(), c.how() + "; Content-Length " + declared + " for "
                + c.body().length + " bytes", c.method(), c.target(), h, c.body(), allowed, true, null);
    }

    /** Fresh provider ids (sometimes a recent one again: a retry), phones from the pool, known outbound ids. */
    private static void freshenGupshup(JsonNode root, Mutator mut) {
        JsonNode p = root.path("payload");
        if (p instanceof ObjectNode payload) {
            String type = root.path("type").asText();
            if (type.equals("message-event")) {
                payload.put("id", mut.chance(0.7) ? mut.pick(GUPSHUP_OUT) : "gs-unknown-" + mut.random().nextInt(1000));
                if (payload.has("destination")) payload.put("destination", mut.pick(PHONES));
            } else if (payload.has("id")) {
                payload.put("id", mut.chance(0.2) ? "dup-" + mut.random().nextInt(50) : "fz-" + Long.toHexString(mut.random().nextLong()));
            }
            String phone = mut.pick(PHONES);
            if (payload.has("source")) payload.put("source", phone);
            if (payload.has("phone")) payload.put("phone", phone);
            if (payload.path("sender") instanceof ObjectNode s) s.put("phone", phone);
            if (payload.path("payload") instanceof ObjectNode inner && inner.has("text") && mut.chance(0.3)) {
                inner.put("text", mut.pick(new String[]{"STOP", "optin", "Opt In", "👍", "👎", "stop", "hi"}));
            }
        }
        if (root instanceof ObjectNode o && mut.chance(0.5)) o.put("timestamp", 1_764_054_000_000L + mut.random().nextInt(1_000_000_000));
    }

    private static void freshenMeta(JsonNode root, Mutator mut) {
        String phone = mut.pick(PHONES);
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode c : value.path("contacts")) if (c instanceof ObjectNode o) o.put("wa_id", phone);
                for (JsonNode m : value.path("messages")) {
                    if (m instanceof ObjectNode o) {
                        o.put("from", phone);
                        o.put("id", mut.chance(0.2) ? "wamid.dup" + mut.random().nextInt(50) : "wamid.fz" + Long.toHexString(mut.random().nextLong()));
                    }
                }
                for (JsonNode s : value.path("statuses")) {
                    if (s instanceof ObjectNode o) {
                        o.put("id", mut.chance(0.7) ? mut.pick(META_OUT) : "wamid.unknown" + mut.random().nextInt(1000));
                        o.set("recipient_id", new TextNode(phone));
                    }
                }
                for (JsonNode u : value.path("user_preferences")) {
                    if (u instanceof ObjectNode o) {
                        o.put("wa_id", phone);
                        if (mut.chance(0.5)) o.put("value", mut.chance(0.5) ? "resume" : "stop");
                    }
                }
            }
        }
    }

    /** Whatever the timestamps sent, nothing stored may lie outside 1970..9999 (nor be -infinity). */
    static void assertNoOutOfRangeTimes() {
        long bad = suite.db.count("SELECT (SELECT count(*) FROM contacts WHERE consent_at < '1970-01-01' OR consent_at > '10000-01-01'"
                + " OR last_inbound_at < '1970-01-01' OR last_inbound_at > '10000-01-01')"
                + " + (SELECT count(*) FROM consent_history WHERE at < '1970-01-01' OR at > '10000-01-01')"
                + " + (SELECT count(*) FROM messages WHERE at < '1970-01-01' OR at > '10000-01-01')");
        if (bad > 0) suite.runner.fail(null, null, bad + " stored times outside 1970..9999");
    }
}
