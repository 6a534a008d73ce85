package io.consentflow.bootstrap.fuzz;

import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every failure the fuzz suite found, as a fixed input against the whole running service and its database: the
 * failure it guards against (a 5xx, a write on a refused input, a bad value stored) and what the contract answers.
 * Cheap, so a regression shows without the fuzzers' luck.
 */
class FuzzFindingsTest {
    static FuzzSuite suite;
    static String phone;

    @BeforeAll
    static void start() {
        suite = new FuzzSuite("findings");
        suite.importFixture();
        phone = suite.contacts(FuzzConfig.random("findings"), 1, "9193").get(0);
    }

    @AfterAll
    static void stop() {
        if (suite != null) suite.close();
    }

    private static FuzzReply send(String method, String target, String body, Map<String, String> headers) {
        java.util.Map<String, String> h = new java.util.HashMap<>(FuzzSuite.apiKey());
        h.put("Content-Type", "application/json");
        h.putAll(headers);
        FuzzCase c = new FuzzCase("finding", 0, "", method, target, h,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Set.of(), false, null);
        try {
            return suite.client.send(c);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static FuzzReply hook(String body) {
        return send("POST", "/webhooks/gupshup?token=" + FuzzSuite.HOOK_TOKEN, body, Map.of());
    }

    private static void assertProblem(int status, FuzzReply r) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertEquals(status, r.json().path("status").asInt(), r::toString);
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedNotA500() {
        Map<String, String> before = suite.db.take();
        assertProblem(400, hook(Gupshup.text(phone, Gupshup.newId(), "hi\u0000x")));
        assertProblem(400, hook(Gupshup.text(phone, "id-SURROGATE", "hi").replace("SURROGATE", "\\ud800")));
        assertProblem(400, send("PUT", "/api/v1/settings", "{\"optinFlow\":\"a\\u0000\"}", Map.of()));
        assertProblem(400, send("POST", "/api/v1/messages", "{\"phone\":\"" + phone + "\",\"text\":\"\\u0000\"}", Map.of()));
        assertProblem(400, send("PUT", "/api/v1/contacts/" + phone + "/consent", "{\"status\":\"opted_in\",\"note\":\"\\u0000\"}", Map.of()));
        assertEquals(before, suite.db.take());
    }

    @Test
    void timestampsOutsideTheYears1970To9999AreRefusedNotStoredAsInfinity() {
        Map<String, String> before = suite.db.take();
        // guards against a 200 storing consent_at = -infinity, and a 500 (timestamp out of range) for the far future
        assertProblem(400, hook(Gupshup.userEvent(phone, "opted-out", -999_999_999_999_999_999L)));
        assertProblem(400, hook(Gupshup.userEvent(phone, "opted-out", 999_999_999_999_999_999L)));
        // an Instant java.time cannot hold must not be a 500: a Meta item that cannot be read is skipped and named,
        // and the callback answered 200 (Meta would retry a refused callback for days)
        FuzzReply meta = send("POST", "/webhooks/meta", "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"w-big-ts\",\"timestamp\":\"999999999999999999\","
                + "\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}", Map.of());
        assertEquals(200, meta.status(), meta::toString);
        assertEquals("entry[0].changes[0].value.messages[0].timestamp",
                meta.json().path("skipped").path(0).path("field").asText(), meta::toString);
        assertEquals(before, suite.db.take());
    }

    @Test
    void aBodyOfUndecodableBytesIs400() {
        FuzzCase c = new FuzzCase("finding", 0, "", "POST", "/webhooks/meta", Map.of(),
                new byte[]{0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, Set.of(), false, null);
        try {
            assertProblem(400, suite.client.send(c));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKeywordWhoseNormalFormWasNotStableIsAcceptedNotA500() {
        // NFKC, then dropping the symbol U+2675 left two marks NFKC reorders: Keyword.of threw IllegalArgumentException
        String keyword = "\u0305\u2675\u0333\u035B\u0072\u036C";
        FuzzReply r = send("PATCH", "/api/v1/flows/" + FuzzSuite.UNSUBSCRIBE_FLOW,
                "{\"keywords\":[\"stop\",\"" + keyword + "\"]}", Map.of());
        assertEquals(200, r.status(), r::toString);
        assertEquals(2, r.json().path("keywords").size(), r::toString);
    }

    @Test
    void patchingOrDeletingAnUnknownFlowWritesNothing() {
        Map<String, String> before = suite.db.take();
        assertProblem(404, send("PATCH", "/api/v1/flows/no-such-flow", "{\"active\":false}", Map.of()));
        assertProblem(404, send("DELETE", "/api/v1/flows/no-such-flow", null, Map.of()));
        // a refused call must not bump (and commit) the catalogue version
        assertEquals(before, suite.db.take());
    }

    @Test
    void anUnknownCharsetNeitherHidesTheTokenNorDropsImportKeywords() {
        Map<String, String> odd = Map.of("Content-Type", "application/json; charset=\"unknown\"");
        assertEquals(200, send("POST", "/webhooks/gupshup?token=" + FuzzSuite.HOOK_TOKEN,
                Gupshup.text(phone, Gupshup.newId(), "hi"), odd).status());
        String definition = new String(Corpus.resource(FuzzSuite.FIXTURE), java.nio.charset.StandardCharsets.UTF_8);
        String bare = Corpus.json(FuzzSuite.FIXTURE).at("/flows/0/definition").toString()
                .replace("5b3c1d2e-0000-4a6b-9c8d-111111111111", "5b3c1d2e-0000-4a6b-9c8d-999999999999");
        assertTrue(definition.contains("nodes"));
        // the admin API reads UTF-8 only: another declared charset is a 415 before anything is read
        assertProblem(415, send("POST", "/api/v1/flows/import?keywords=charsetone,charsettwo", bare, odd));
        FuzzReply r = send("POST", "/api/v1/flows/import?keywords=charsetone,charsettwo", bare,
                Map.of("Content-Type", "application/json; charset=\"utf-8\""));
        assertEquals(201, r.status(), r::toString);
        assertEquals(List.of("charsetone", "charsettwo"),
                List.of(r.json().get(0).path("keywords").get(0).asText(), r.json().get(0).path("keywords").get(1).asText()));
    }

    @Test
    void problemBodiesAreUtf8AndJettysOwnErrorsAreProblems() {
        FuzzReply quoted = send("GET", "/api/v1/contacts/%E0%A5%A7%E0%A5%A8%C3%A9", null, Map.of());
        assertProblem(400, quoted);
        assertTrue(quoted.json().path("detail").asText().endsWith("१२é"), quoted::toString);
        FuzzCase badEscape = new FuzzCase("finding", 0, "", "GET", "/api/v1/contacts/91%ZZ", FuzzSuite.apiKey(), null,
                Set.of(), true, null);
        try {
            assertProblem(400, suite.client.send(badEscape));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertProblem(414, send("GET", "/api/v1/flows/" + "9".repeat(20_000), null, Map.of()));
    }

    @Test
    void aRetriedDeliveryIsStillADuplicateAfterAllThis() {
        String id = Gupshup.newId();
        assertEquals(200, hook(Gupshup.text(phone, id, "once")).status());
        assertEquals("duplicate", hook(Gupshup.text(phone, id, "once")).json().path("status").asText());
        Http.Response contact = suite.http.get("/api/v1/contacts/" + phone);
        assertEquals(200, contact.status(), contact.body());
    }
}
