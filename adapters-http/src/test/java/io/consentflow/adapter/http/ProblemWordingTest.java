package io.consentflow.adapter.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A problem body says what is wrong with the input in our words: never a Jackson class or setting
 * ({@code JsonNode}, {@code FAIL_ON_TRAILING_TOKENS}) or a Java exception name, which say nothing to the caller
 * and something about us to an attacker.
 */
class ProblemWordingTest {
    /** What internals look like in a text. */
    static final Pattern INTERNALS = Pattern.compile(
            "[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjavax?\\.[a-z]|(?i:com\\.fasterxml|jackson)|JsonNode|FAIL_ON_"
                    + "|DeserializationFeature|StreamReadFeature|\\bat [a-z]+\\.[a-z]|`[a-z]+\\.[a-z]+\\.");

    /** Bodies Jackson refuses, each in its own way. */
    static final List<byte[]> BROKEN = List.of(
            utf8("{\"a\":1} {\"b\":2}"),            // trailing tokens: was "... JsonNode ... FAIL_ON_TRAILING_TOKENS"
            utf8("{\"a\":1}]"),
            utf8("{\"a\":1,\"a\":2}"),              // duplicate key
            utf8("{\"a\":"),                        // ends early
            utf8("{\"a\":tru}"),
            utf8("{'a':1}"),
            utf8("{\"a\":\"x\ty\"}"),               // raw control character in a string
            utf8("{\"a\":01}"),
            utf8("{\"a\":1e999999999999}"),
            utf8("[".repeat(3000)),                 // nests too deep
            new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},   // invalid UTF-8
            new byte[]{0, 0, 0, '{', 0, 0, 0, '}'},
            utf8("\uFEFF{\"a\":1} x"),
            utf8("{\"a\":NaN}"));

    @RegisterExtension
    final TestServer server = TestServer.open();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void trailingTokensAreNamedInOurWords() {
        TestServer.Reply r = server.put("/api/v1/settings", "{\"optinFlow\":null} {}");

        assertEquals(400, r.status(), r::toString);
        assertEquals("malformed JSON: there is more after the JSON value at line 1, column 20",
                r.json().path("detail").asText(), r::toString);
    }

    @Test
    void noProblemBodyOnAnyJsonRouteNamesJacksonOrJavaInternals() {
        String[] routes = {"/webhooks/gupshup", "/webhooks/meta", "/api/v1/messages", "/api/v1/flows/import"};
        int checked = 0;
        for (String route : routes) {
            for (byte[] body : BROKEN) {
                TestServer.Reply r = server.post(route, body, "Content-Type", "application/json");
                // (bytes that happen to decode as UTF-32 JSON may be a callback Meta's webhook answers 200)
                assertTrue(r.status() < 500, () -> route + ": " + r);
                if (r.status() >= 400) assertTrue(r.isProblem(), r::toString);
                assertFalse(INTERNALS.matcher(r.body()).find(), () -> route + " " + new String(body,
                        StandardCharsets.UTF_8) + " -> " + r);
                checked++;
            }
        }
        for (byte[] body : BROKEN) {
            for (TestServer.Reply r : List.of(server.put("/api/v1/settings", new String(body, StandardCharsets.UTF_8)),
                    server.patch("/api/v1/settings", new String(body, StandardCharsets.UTF_8)),
                    server.put("/api/v1/contacts/919812345678/consent", new String(body, StandardCharsets.UTF_8)))) {
                assertTrue(r.status() < 500, r::toString);
                assertFalse(INTERNALS.matcher(r.body()).find(), r::toString);
                checked++;
            }
        }
        assertEquals((routes.length + 3) * BROKEN.size(), checked);
    }
}
