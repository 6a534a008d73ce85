package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fuzzes the path parameters of {@code GET /api/v1/contacts/{phone}}, {@code GET /api/v1/messages/{id}} and
 * {@code GET /api/v1/flows/{uuid}}, {@value FuzzConfig#COUNT}-ish each: stored keys and near misses, odd Unicode,
 * huge numbers, long strings, every %-encoding (clean, redundant, lower-case, broken, overlong, encoded NUL and
 * separators), dot segments and raw bytes in the request line (sent over a socket, byte for byte). A clean segment
 * must get exactly the contract's answer (200 for a stored key, 404 for an unknown one, 400 for a malformed phone or
 * message id); a dirty one any 4xx problem, and a 200 only if it still decodes to a stored key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathParamFuzzTest {
    static final String CONTACT = "GET /api/v1/contacts/{phone}";
    static final String MESSAGE = "GET /api/v1/messages/{id}";
    static final String FLOW = "GET /api/v1/flows/{uuid}";
    static final Set<Integer> ANY_REFUSAL = Set.of(400, 404, 405, 414, 431);
    static FuzzSuite suite;
    static List<String> phones;
    static List<String> messageIds;
    static List<String> flows;

    @BeforeAll
    static void start() {
        suite = new FuzzSuite("path parameters");
        suite.importFixture();
        Random rnd = FuzzConfig.random("path-setup");
        phones = suite.contacts(rnd, 30, "9195");
        messageIds = suite.db.strings("SELECT id::text FROM messages ORDER BY seq");
        flows = suite.db.strings("SELECT uuid FROM flows ORDER BY uuid");
    }

    @AfterAll
    static void stop() {
        if (suite == null) return;
        suite.finish();
        suite.close();
    }

    @Test
    @Order(1)
    void contactPhone() {
        Set<String> known = new HashSet<>(phones);
        run(CONTACT, "/api/v1/contacts/", mut -> {
            int k = mut.random().nextInt(10);
            if (k < 3) return mut.pick(phones);
            if (k == 3) return "+" + mut.pick(phones);
            if (k == 4) return " " + mut.pick(phones) + "\t";
            if (k == 5) return "9194" + String.format("%08d", mut.random().nextInt(100_000_000));
            return odd(mut, mut.pick(phones));
        }, segment -> {
            if (!Spec.isPhone(segment)) return Set.of(400);
            return known.contains(Spec.phone(segment)) ? Set.of(200) : Set.of(404);
        }, (segment, r) -> {
            String got = r.json() == null ? null : r.json().path("phone").asText();
            if (!Spec.phone(segment).equals(got)) throw new AssertionError("answered contact " + got);
        });
    }

    @Test
    @Order(2)
    void messageId() {
        Set<String> known = new HashSet<>(messageIds);
        run(MESSAGE, "/api/v1/messages/", mut -> {
            int k = mut.random().nextInt(10);
            if (k < 3) return mut.pick(messageIds);
            if (k == 3) return mut.pick(messageIds).toUpperCase(Locale.ROOT);
            if (k == 4) return new UUID(mut.random().nextLong(), mut.random().nextLong()).toString();
            if (k == 5) return mut.pick(new String[]{"1-2-3-4-5", "{" + mut.pick(messageIds) + "}", mut.pick(messageIds).replace("-", ""),
                    mut.pick(messageIds) + "0", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                    "g" + mut.pick(messageIds).substring(1), "-1-1-1-1-1"});
            return odd(mut, mut.pick(messageIds));
        }, segment -> {
            if (!canonicalUuid(segment)) return Set.of(400);
            return known.contains(segment.toLowerCase(Locale.ROOT)) ? Set.of(200) : Set.of(404);
        }, (segment, r) -> {
            String got = r.json() == null ? null : r.json().path("id").asText();
            if (!segment.equalsIgnoreCase(got)) throw new AssertionError("answered message " + got);
        });
    }

    @Test
    @Order(3)
    void flowUuid() {
        Set<String> known = new HashSet<>(flows);
        run(FLOW, "/api/v1/flows/", mut -> {
            int k = mut.random().nextInt(10);
            if (k < 3) return mut.pick(flows);
            if (k == 3) return mut.pick(flows).toUpperCase(Locale.ROOT);
            if (k == 4) return new UUID(mut.random().nextLong(), mut.random().nextLong()).toString();
            return odd(mut, mut.pick(flows));
        }, segment -> known.contains(segment) ? Set.of(200) : Set.of(404), (segment, r) -> {
            JsonNode f = r.json();
            if (f == null || !segment.equals(f.path("uuid").asText()) || !f.path("definition").isObject()) {
                throw new AssertionError("answered flow " + (f == null ? null : f.path("uuid")));
            }
        });
    }

    interface SuccessCheck {
        void check(String segment, FuzzReply r);
    }

    private static void run(String endpoint, String prefix, Function<Mutator, String> segments,
                            Function<String, Set<Integer>> oracle, SuccessCheck onSuccess) {
        List<String> vocabulary = List.of("consent", "consent-history", "messages", "..", ".", "%2F", "import");
        List<FuzzCase> cases = Generate.cases(endpoint, FuzzConfig.COUNT, vocabulary, (i, mut) -> {
            String segment = segments.apply(mut);
            List<String> how = new ArrayList<>();
            String target;
            Set<Integer> allowed;
            Consumer<FuzzReply> check = null;
            if (Paths.clean(segment) && mut.chance(0.8)) {
                String encoded = encodeVariant(segment, mut, how);
                target = prefix + encoded;
                allowed = oracle.apply(segment);
                check = r -> onSuccess.check(segment, r);
            } else {
                String dirty = dirty(Paths.clean(segment) ? segment : mut.pick(new String[]{"919812345678", "x"}), mut, how);
                target = prefix + dirty;
                Set<Integer> a = new HashSet<>(ANY_REFUSAL);
                // what the server sees as the segment: up to a query, a fragment or the end of the request target
                // (a raw space or tab ends it; a lenient parser takes what follows for the protocol version)
                String effective = dirty.split("[?# \t]", 2)[0];
                if (effective.isEmpty() || effective.contains("/") || effective.contains("\\") || dotSegment(effective)) {
                    // another route, by the rules of URLs (dot segments, separators): only the shape is checked
                    a.add(200);
                    how.add("may resolve to another route");
                } else {
                    // whatever a server makes of it, a 200 only for what still decodes to a stored key
                    String decoded = strictDecode(effective);
                    if (decoded != null && !decoded.contains("\u0000") && oracle.apply(decoded).contains(200)) {
                        a.add(200);
                        check = r -> onSuccess.check(decoded, r);
                    }
                }
                allowed = a;
            }
            if (mut.chance(0.05)) {
                target += mut.pick(new String[]{"?", "?x=1", "?x=%ZZ", "?" + "q".repeat(3000), "?phone=919812345678&&="});
                how.add("query");
            }
            how.add(0, "segment " + FuzzCase.abbreviate(segment, 60));
            // Each case on a connection of its own (the same bytes on the wire, with Connection: close): on kept-alive
            // connections 1 request in 10,000-30,000 was answered 400/505 as if its request line had been cut, in
            // about a third of full runs and never twice for the same case; the cause is not found yet (the harness's
            // connection reuse or the server's), and this test is about what a path parameter may do, not about it.
            return new FuzzCase(endpoint, i, String.join("; ", how), "GET", target,
                    new java.util.HashMap<>(FuzzSuite.apiKey()), null, allowed, true, check);
        });
        suite.runner.run(cases);
        suite.runner.assertNoFailures(endpoint);
    }

    /** Odd things in place of a key: Unicode, huge numbers, long strings, near misses. */
    private static String odd(Mutator mut, String key) {
        int k = mut.random().nextInt(8);
        return switch (k) {
            case 0 -> mut.pick(Mutator.ODD_STRINGS);
            case 1 -> mut.pick(Mutator.ODD_NUMBER_LITERALS);
            case 2 -> mut.randomUnicode(1 + mut.random().nextInt(30));
            case 3 -> key + mut.pick(Mutator.ODD_STRINGS);
            case 4 -> mut.pick(Mutator.ODD_STRINGS) + key;
            case 5 -> "9".repeat(mut.pick(new Integer[]{16, 100, 1_000, 3_000, 20_000}));
            case 6 -> key.substring(0, mut.random().nextInt(key.length()));
            default -> key.replace('1', mut.pick(new Character[]{'١', '１', 'l', 'I', '¹'}));
        };
    }

    /** The clean segment %-encoded: minimally, every byte, lower-case hex, or plus kept raw. */
    private static String encodeVariant(String segment, Mutator mut, List<String> how) {
        int k = mut.random().nextInt(10);
        if (k < 6) return Paths.encode(segment);
        if (k < 8) {
            how.add("every byte %-encoded");
            StringBuilder sb = new StringBuilder();
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%%%02X", b & 0xff));
            return sb.toString();
        }
        if (k == 8) {
            how.add("lower-case hex");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(Paths.encode(segment));
            StringBuilder sb = new StringBuilder();
            while (m.find()) m.appendReplacement(sb, m.group().toLowerCase(Locale.ROOT));
            m.appendTail(sb);
            return sb.toString();
        }
        how.add("sub-delims raw");
        return Paths.encode(segment).replace("%2B", "+").replace("%40", "@").replace("%21", "!").replace("%24", "$")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%2A", "*").replace("%2C", ",")
                .replace("%3D", "=").replace("%3A", ":");
    }

    /** Broken or ambiguous encodings, dot segments, separators, raw bytes. */
    private static String dirty(String segment, Mutator mut, List<String> how) {
        String e = Paths.encode(segment);
        int at = e.isEmpty() ? 0 : mut.random().nextInt(e.length() + 1);
        String piece = mut.pick(new String[]{"%", "%Z", "%ZZ", "%G1", "%%", "%4", "%00", "%0A", "%0D", "%09", "%7F",
                "%C0%AF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%FF", "%FE%FF", "%E2%82", "%2F", "%2f", "%5C", "%2E",
                "%2E%2E", "..", ".", "/", "//", "/..", "/../..", "\\", ";", ";x=1", "%3B", " ", "\t", "\u0000", "\u0001",
                "\u007F", "\u00e9", "\u00ff", "é", "👍", "\u202E", "?", "#", "#frag", "%23", "[", "]", "{", "}", "|", "^",
                "`", "\"", "<", ">", "%20", "+", "%2B", "%252F", "%25"});
        how.add("dirty " + piece.replace("\u0000", "NUL") + " at " + at);
        if (mut.chance(0.15)) return piece.equals("..") || piece.equals(".") ? piece : e + "/" + piece;
        return e.substring(0, at) + piece + e.substring(at);
    }

    private static boolean dotSegment(String s) {
        String d = s.replace("%2e", ".").replace("%2E", ".");
        return d.equals(".") || d.equals("..") || d.endsWith(";") && (d.startsWith(".") || d.startsWith(".."))
                || d.startsWith(".;") || d.startsWith("..;");
    }

    /** %-decoding as UTF-8 that refuses what is broken (bad escapes, malformed UTF-8); null then. */
    static String strictDecode(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The contract's message id: a UUID in its canonical 8-4-4-4-12 text, either case. */
    static boolean canonicalUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
