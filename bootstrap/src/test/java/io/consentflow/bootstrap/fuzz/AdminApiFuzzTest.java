package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.bootstrap.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static io.consentflow.bootstrap.fuzz.Mutator.F;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzzes the admin API of the running service, {@value FuzzConfig#COUNT}-ish inputs per endpoint (see
 * {@link FuzzConfig}), judged by {@link AdminSpecs}: flow imports (the project's fixture
 * {@code fixtures/consent-flows.json} as the seed: the whole export, one flow of it under a uuid and keywords of
 * a small pool, a bare definition with {@code ?keywords=}, two flows sharing a keyword), flow patches, settings,
 * consent changes and sends. Endpoints run one after the other, so what an oracle needs to know of the stored
 * state (which flows, which contacts) holds during the endpoint's run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiFuzzTest {
    static final String IMPORT = "POST /api/v1/flows/import";
    static final String PATCH = "PATCH /api/v1/flows/{uuid}";
    static final String SETTINGS = "PUT /api/v1/settings";
    static final String CONSENT = "PUT /api/v1/contacts/{phone}/consent";
    static final String MESSAGES = "POST /api/v1/messages";
    static final String FLOW_RESUME = "POST /webhooks/flow-resume";
    static final String TEMPLATES = "POST /api/v1/templates";
    static FuzzSuite suite;
    static final List<String> FLOW_POOL = new ArrayList<>();
    static final List<String> KEYWORDS = new ArrayList<>();
    static List<String> phones;

    @BeforeAll
    static void start() {
        suite = new FuzzSuite("admin API");
        suite.importFixture();
        Random rnd = FuzzConfig.random("admin-setup");
        for (int i = 0; i < 10; i++) FLOW_POOL.add(String.format("f%07x-0000-4000-8000-%012x", i, rnd.nextInt(1 << 30)));
        for (int i = 0; i < 40; i++) {
            StringBuilder k = new StringBuilder("kw");
            for (int j = 0; j < 4; j++) k.append((char) ('a' + rnd.nextInt(26)));
            KEYWORDS.add(k.toString());
        }
        phones = suite.contacts(rnd, 40, "9197");
        for (int i = 0; i < 15; i++) {
            Http.Response r = suite.http.put("/api/v1/contacts/" + phones.get(i) + "/consent", "{\"status\":\"opted_out\"}");
            assertEquals(200, r.status(), r.body());
        }
        for (int i = 15; i < 30; i++) {
            Http.Response r = suite.http.put("/api/v1/contacts/" + phones.get(i) + "/consent", "{\"status\":\"opted_in\"}");
            assertEquals(200, r.status(), r.body());
        }
    }

    @AfterAll
    static void stop() {
        if (suite == null) return;
        assertKeywordsUniqueAmongActiveFlows();
        suite.finish();
        suite.close();
    }

    static Map<String, String> headers(Mutator mut) {
        Map<String, String> h = new HashMap<>(mut.contentType());
        h.putAll(FuzzSuite.apiKey());
        return h;
    }

    /**
     * A few inputs without the API key or with a wrong one: 401 whatever the body. With the key, a body declared
     * as anything but JSON in UTF-8 is a 415 whatever it holds.
     */
    static FuzzCase maybeUnauthorized(FuzzCase c, Mutator mut) {
        if (!mut.chance(0.01)) return notJsonIs415(c);
        Map<String, String> h = new HashMap<>(c.headers());
        if (mut.chance(0.5)) h.remove("Authorization");
        else h.put("Authorization", mut.pick(new String[]{"Bearer wrong", "Basic dGVzdA==", "Bearer", "bearer test-api-keyX"}));
        return new FuzzCase(c.endpoint(), c.index(), c.how() + "; bad API key", c.method(), c.target(), h, c.body(),
                Set.of(401), c.raw(), null);
    }

    private static FuzzCase notJsonIs415(FuzzCase c) {
        String type = c.headers().get("Content-Type");
        if (type == null || type.isBlank() || jsonInUtf8(type)) return c;
        return new FuzzCase(c.endpoint(), c.index(), c.how(), c.method(), c.target(), c.headers(), c.body(),
                Set.of(415), c.raw(), null);
    }

    /** The admin API's reading of a Content-Type (README): application/json or application/*+json, UTF-8 if named. */
    static boolean jsonInUtf8(String header) {
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length < 2 || !kv[0].strip().equalsIgnoreCase("charset")) continue;
            String cs = kv[1].strip().replaceAll("^\"(.*)\"$", "$1");
            if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) return false;
        }
        return true;
    }

    // ---- POST /api/v1/flows/import -------------------------------------------------------------------------

    @Test
    @Order(1)
    void flowImport() {
        JsonNode fixture = Corpus.json(FuzzSuite.FIXTURE);
        List<String> vocabulary = List.of("flows", "definition", "keywords", "ignore_keywords", "nodes", "uuid",
                "name", "actions", "exits", "router", "cases", "categories", "destination_uuid", "send_msg", "text",
                "type", "switch", "wait", "timeout", "seconds", "category_uuid", "operand", "@input.text",
                "has_any_word", "arguments", "expire_after_minutes", "spec_version", "13.2.0", "_ui", "position",
                "top", "left", "set_contact_field", "field", "key", "value", "quick_replies", "exit_uuid",
                "default_category_uuid", "result_name", "enter_flow", "flow", "language", "msg",
                FuzzSuite.CONSENT_FLOW, FuzzSuite.UNSUBSCRIBE_FLOW, "optin", "stop");
        List<FuzzCase> cases = Generate.cases(IMPORT, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            ObjectNode tree;
            String query = "";
            int kind = mut.random().nextInt(100);
            if (kind < 25) {
                tree = fixture.deepCopy();
                how.add("fixture export");
            } else if (kind < 65) {
                tree = F.objectNode();
                tree.putArray("flows").add(poolFlow(fixture, mut));
                how.add("one pool flow");
            } else if (kind < 90) {
                ObjectNode f = poolFlow(fixture, mut);
                tree = (ObjectNode) f.get("definition");
                StringBuilder q = new StringBuilder();
                for (JsonNode k : f.path("keywords")) q.append(q.length() == 0 ? "" : ",").append(k.asText());
                query = "?keywords=" + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8);
                if (mut.chance(0.2)) query += "&keywords=" + URLEncoder.encode(mut.pick(KEYWORDS) + ", " + mut.oddString(), StandardCharsets.UTF_8);
                if (mut.chance(0.4)) query += "&ignoreKeywords=" + mut.pick(new String[]{"true", "false", "TRUE", "", "yes", "1", "falsE"});
                how.add("bare definition" + query);
            } else {
                tree = F.objectNode();
                ObjectNode a = poolFlow(fixture, mut);
                ObjectNode b = poolFlow(fixture, mut);
                String shared = mut.pick(KEYWORDS);
                ((ArrayNode) a.get("keywords")).add(shared);
                ((ArrayNode) b.get("keywords")).add(shared.toUpperCase() + "!");
                tree.putArray("flows").add(a).add(b);
                how.add("two pool flows sharing keyword " + shared);
            }
            byte[] body;
            if (i % 2500 == 1) {
                tree.put("padding", "x".repeat((int) AdminSpecs.IMPORT_LIMIT));
                how.add("over the 8 MiB import limit");
                body = new JsonText().bytes(tree);
            } else {
                body = Generate.body(tree, mut, how, 0);
            }
            AdminSpecs.ImportVerdict v = AdminSpecs.flowImport(body, Paths.query(query.isEmpty() ? "" : query.substring(1)));
            Consumer<FuzzReply> check = r -> {
                JsonNode a = r.json();
                List<String> got = new ArrayList<>();
                if (a != null) a.forEach(s -> got.add(s.path("uuid").asText()));
                if (r.status() != 201 || !got.equals(v.uuids())) {
                    throw new AssertionError("201 must list the imported flows " + v.uuids() + ", got " + got);
                }
            };
            return maybeUnauthorized(new FuzzCase(IMPORT, i, String.join("; ", how), "POST", "/api/v1/flows/import" + query,
                    headers(mut), body, v.allowed(), false, check), mut);
        });
        suite.runner.run(cases);
        assertKeywordsUniqueAmongActiveFlows();
        suite.runner.assertNoFailures(IMPORT);
    }

    /** One fixture flow as a Glific export entry, under a uuid and keywords of the pools. */
    static ObjectNode poolFlow(JsonNode fixture, Mutator mut) {
        ObjectNode f = (ObjectNode) fixture.get("flows").get(mut.random().nextInt(2)).deepCopy();
        ((ObjectNode) f.get("definition")).put("uuid", mut.pick(FLOW_POOL));
        ((ObjectNode) f.get("definition")).put("name", "pool " + mut.random().nextInt(100));
        ArrayNode kws = f.putArray("keywords");
        for (int k = mut.random().nextInt(3); k > 0; k--) kws.add(mut.pick(KEYWORDS));
        f.put("ignore_keywords", mut.chance(0.5));
        return f;
    }

    // ---- PATCH /api/v1/flows/{uuid} ------------------------------------------------------------------------

    @Test
    @Order(2)
    void flowPatch() {
        Set<String> flows = new HashSet<>(suite.db.strings("SELECT uuid FROM flows"));
        List<String> stored = new ArrayList<>(flows);
        java.util.Collections.sort(stored);
        List<String> vocabulary = List.of("keywords", "ignoreKeywords", "active", "ignore_keywords", "optin", "stop",
                "!!", "👍", " ", "true", "false");
        List<FuzzCase> cases = Generate.cases(PATCH, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            String uuid;
            int k = mut.random().nextInt(100);
            if (k < 75) uuid = mut.pick(stored);
            else if (k < 85) uuid = mut.pick(FLOW_POOL).replace('0', '9');
            else {
                uuid = mut.oddString();
                if (!Paths.clean(uuid)) uuid = "x" + Integer.toHexString(uuid.hashCode());
            }
            how.add("uuid " + FuzzCase.abbreviate(uuid, 40));
            ObjectNode tree = F.objectNode();
            if (mut.chance(0.7)) {
                ArrayNode kws = tree.putArray("keywords");
                for (int n = mut.random().nextInt(3); n > 0; n--) kws.add(mut.pick(KEYWORDS));
            }
            if (mut.chance(0.5)) tree.put("ignoreKeywords", mut.chance(0.5));
            if (mut.chance(0.5)) tree.put("active", mut.chance(0.8));
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            return maybeUnauthorized(new FuzzCase(PATCH, i, String.join("; ", how), "PATCH",
                    "/api/v1/flows/" + Paths.encode(uuid), headers(mut), body, AdminSpecs.patch(uuid, body, flows),
                    false, null), mut);
        });
        suite.runner.run(cases);
        assertKeywordsUniqueAmongActiveFlows();
        suite.runner.assertNoFailures(PATCH);
    }

    // ---- PUT /api/v1/settings ------------------------------------------------------------------------------

    @Test
    @Order(3)
    void settings() {
        Set<String> flows = new HashSet<>(suite.db.strings("SELECT uuid FROM flows"));
        // the flows that contain the opt-in action (set_contact_field settings = optin): the only opt-in flows
        Set<String> optinFlows = new HashSet<>(suite.db.strings("SELECT uuid FROM flows f WHERE EXISTS (SELECT 1"
                + " FROM jsonb_array_elements(f.definition::jsonb -> 'nodes') n,"
                + " jsonb_array_elements(n -> 'actions') a WHERE a ->> 'type' = 'set_contact_field'"
                + " AND lower(btrim(a -> 'field' ->> 'key', E' \\t\\n\\r')) = 'settings'"
                + " AND lower(btrim(a ->> 'value', E' \\t\\n\\r')) = 'optin')"));
        assertFalse(optinFlows.isEmpty(), "the suite's consent flow at least");
        List<String> stored = new ArrayList<>(flows);
        java.util.Collections.sort(stored);
        List<String> vocabulary = List.of("optinFlow", "newContactFlow", "optin_flow", FuzzSuite.CONSENT_FLOW,
                FuzzSuite.UNSUBSCRIBE_FLOW);
        List<FuzzCase> cases = Generate.cases(SETTINGS, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            ObjectNode tree = F.objectNode();
            for (String name : new String[]{"optinFlow", "newContactFlow"}) {
                int k = mut.random().nextInt(100);
                if (k < 50) tree.put(name, mut.pick(stored));
                else if (k < 60) tree.put(name, " " + mut.pick(stored) + "\t");
                else if (k < 70) tree.putNull(name);
                else if (k < 80) tree.put(name, mut.pick(FLOW_POOL).replace('0', '9'));
                else if (k < 85) tree.put(name, mut.pick(stored).toUpperCase());
                else if (k < 90) tree.put(name, "");
            }
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            String[] expect = new String[2];
            Set<Integer> allowed = AdminSpecs.settings(body, flows, optinFlows, expect);
            Consumer<FuzzReply> check = r -> {
                JsonNode s = r.json();
                String optin = s == null || s.path("optinFlow").isNull() ? null : s.path("optinFlow").asText();
                String newContact = s == null || s.path("newContactFlow").isNull() ? null : s.path("newContactFlow").asText();
                if (!java.util.Objects.equals(optin, expect[0]) || !java.util.Objects.equals(newContact, expect[1])) {
                    throw new AssertionError("settings answered " + s + ", expected " + java.util.Arrays.toString(expect));
                }
            };
            return maybeUnauthorized(new FuzzCase(SETTINGS, i, String.join("; ", how), "PUT", "/api/v1/settings",
                    headers(mut), body, allowed, false, check), mut);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(SETTINGS);
    }

    // ---- PUT /api/v1/contacts/{phone}/consent --------------------------------------------------------------

    @Test
    @Order(4)
    void consent() {
        Set<String> contacts = new HashSet<>(suite.db.strings("SELECT phone FROM contacts"));
        List<String> vocabulary = List.of("status", "note", "opted_in", "opted_out", "unknown", "OPTED_IN", "stop");
        List<FuzzCase> cases = Generate.cases(CONSENT, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            String phone = phoneSegment(mut);
            how.add("phone " + FuzzCase.abbreviate(phone, 40));
            ObjectNode tree = F.objectNode().put("status", mut.chance(0.5) ? "opted_in" : "opted_out");
            if (mut.chance(0.6)) tree.put("note", mut.chance(0.5) ? "asked by phone" : mut.oddString());
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            String[] expect = new String[1];
            Set<Integer> allowed = AdminSpecs.consent(phone, body, contacts, expect);
            Consumer<FuzzReply> check = r -> {
                String got = r.json() == null ? null : r.json().path("consent").path("status").asText();
                if (!expect[0].equals(got)) throw new AssertionError("consent status " + got + ", expected " + expect[0]);
            };
            return maybeUnauthorized(new FuzzCase(CONSENT, i, String.join("; ", how), "PUT",
                    "/api/v1/contacts/" + Paths.encode(phone) + "/consent", headers(mut), body, allowed, false, check), mut);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(CONSENT);
    }

    /** Mostly contacts (sometimes with +), some unknown phones, some that are not phones at all. */
    static String phoneSegment(Mutator mut) {
        int k = mut.random().nextInt(100);
        if (k < 65) return mut.pick(phones);
        if (k < 72) return "+" + mut.pick(phones);
        if (k < 82) return "9196" + String.format("%08d", mut.random().nextInt(100_000_000));
        String odd = mut.pick(new String[]{"12", "+", "0919812345678", "919812345678901234", "٩١٩٨١٢٣٤٥٦٧٨",
                "９１９８１２３４５６７８", "91 98", "+ 919812345678", "abc", "99999999999999999999999", "1e400", "-919812345678",
                "919812345678 ", "ab\u0301", "👍", "\u202E919812345678", "null"});
        return Paths.clean(odd) ? odd : "x";
    }

    // ---- POST /api/v1/messages -----------------------------------------------------------------------------

    @Test
    @Order(5)
    void messages() {
        Set<String> contacts = new HashSet<>(suite.db.strings("SELECT phone FROM contacts"));
        List<String> vocabulary = List.of("phone", "text", "template", "name", "language", "params", "en", "hi",
                "welcome", "quick_replies");
        List<FuzzCase> cases = Generate.cases(MESSAGES, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            ObjectNode tree = F.objectNode();
            String phone = phoneSegment(mut);
            tree.put("phone", phone);
            if (mut.chance(0.6)) {
                tree.put("text", mut.chance(0.5) ? "Your appointment is tomorrow" : mut.oddString());
            } else {
                ObjectNode t = tree.putObject("template").put("name", "reminder").put("language", mut.chance(0.5) ? "en" : "hi");
                ArrayNode params = t.putArray("params");
                for (int n = mut.random().nextInt(3); n > 0; n--) params.add(mut.chance(0.7) ? "Asha" : mut.oddString());
            }
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            Consumer<FuzzReply> check = r -> {
                JsonNode a = r.json();
                if (a == null || !a.path("id").isTextual() || !"queued".equals(a.path("status").asText())) {
                    throw new AssertionError("202 must carry the message id and status queued");
                }
            };
            return maybeUnauthorized(new FuzzCase(MESSAGES, i, String.join("; ", how), "POST", "/api/v1/messages",
                    headers(mut), body, AdminSpecs.message(body, contacts), false, check), mut);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(MESSAGES);
    }

    // ---- POST /webhooks/flow-resume -----------------------------------------------------------------------

    @Test
    @Order(6)
    void flowResume() {
        Set<String> runs = new HashSet<>(suite.db.strings("SELECT id::text FROM runs"));
        List<String> known = new ArrayList<>(runs);
        java.util.Collections.sort(known);
        List<String> vocabulary = List.of("run_id", "result", "message", "Success", "response");
        List<FuzzCase> cases = Generate.cases(FLOW_RESUME, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            ObjectNode tree = F.objectNode();
            int k = mut.random().nextInt(100);
            if (k < 40 && !known.isEmpty()) tree.put("run_id", mut.pick(known));
            else if (k < 80) tree.put("run_id", java.util.UUID.randomUUID().toString());
            else if (k < 90) tree.put("run_id", mut.oddString());
            if (mut.chance(0.7)) {
                ObjectNode result = tree.putObject("result").put("message", mut.chance(0.7) ? "done" : mut.oddString());
                if (mut.chance(0.3)) result.putObject("nested").putArray("items").add(1).add(mut.oddString());
            }
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            return maybeUnauthorized(new FuzzCase(FLOW_RESUME, i, String.join("; ", how), "POST",
                    "/webhooks/flow-resume", headers(mut), body, AdminSpecs.flowResume(body, runs), false, null), mut);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(FLOW_RESUME);
    }

    // ---- POST /api/v1/templates ----------------------------------------------------------------------------

    @Test
    @Order(7)
    void templates() {
        List<String> vocabulary = List.of("name", "language", "category", "body", "header", "footer", "buttons",
                "providerId", "marketing", "utility", "authentication", "en", "hi", "en_US", "{{1}}", "{{2}}");
        String[] languages = {"en", "hi", "en_US", "pt-BR", "ta", "xx", "klingon", "e", "EN"};
        String[] bodies = {"Hi {{1}}, see you {{2}}", "No variables", "{{1}} then {{3}}", "{{0}}", "{{ 1 }} ok",
                "Dear {{1}}"};
        List<FuzzCase> cases = Generate.cases(TEMPLATES, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            List<String> how = new ArrayList<>();
            ObjectNode tree = F.objectNode()
                    .put("name", mut.chance(0.8) ? "offer_" + mut.random().nextInt(40) : mut.oddString())
                    .put("language", mut.pick(languages))
                    .put("category", mut.pick(new String[]{"marketing", "utility", "authentication", "promotional"}))
                    .put("body", mut.chance(0.8) ? mut.pick(bodies) : mut.oddString());
            if (mut.chance(0.3)) tree.put("header", mut.chance(0.7) ? "Sale" : mut.oddString());
            if (mut.chance(0.3)) tree.put("footer", "Reply STOP to opt out");
            if (mut.chance(0.3)) {
                ArrayNode buttons = tree.putArray("buttons");
                for (int n = mut.random().nextInt(12); n > 0; n--) buttons.add(mut.chance(0.8) ? "Shop" : mut.oddString());
            }
            if (mut.chance(0.4)) tree.put("providerId", "gs-" + mut.random().nextInt(1000));
            byte[] body = Generate.body(tree, mut, how, AdminSpecs.BODY_LIMIT);
            Consumer<FuzzReply> check = r -> {
                JsonNode a = r.json();
                if (a == null || !a.path("id").isTextual() || !a.path("params").isInt()) {
                    throw new AssertionError("201 must carry the entry's id and its number of params");
                }
            };
            return maybeUnauthorized(new FuzzCase(TEMPLATES, i, String.join("; ", how), "POST", "/api/v1/templates",
                    headers(mut), body, AdminSpecs.template(body), false, check), mut);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(TEMPLATES);
    }

    /** Whatever was imported and patched: no keyword belongs to two active flows. */
    static void assertKeywordsUniqueAmongActiveFlows() {
        List<String> dup = suite.db.strings("SELECT k FROM flows, unnest(keywords) AS k WHERE active GROUP BY k HAVING count(*) > 1");
        if (!dup.isEmpty()) suite.runner.fail(null, null, "keywords shared by active flows: " + dup);
    }
}
