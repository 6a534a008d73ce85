package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of valid seeds, all driven by one seeded {@link Random}: on the tree (drop, duplicate, rename a key;
 * swap a value's type; odd strings, huge and odd numbers, odd timestamps; deep nesting; long strings; values from
 * the endpoint's vocabulary) and on the bytes (truncation at a random offset, flipped, inserted and deleted bytes,
 * random bytes, BOM, other encodings, trailing garbage, empty). Every mutation is named in the case's description.
 */
final class Mutator {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Strings that have broken services before: control chars, NUL, lone surrogates, RTL, combining marks... */
    static final String[] ODD_STRINGS = {
            "", " ", "   ", "\t", "\n", "\u0000", "a\u0000b", "\ud800", "x\udc00", "\udbff\udfff", "\ud83d\ude00",
            "👍", "👎", "👨‍👩‍👧‍👦", "🏳️‍🌈", "\u202Eabc\u202C", "مرحبا بالعالم", "שלום", "नमस्ते", "हाँ",
            "e\u0301\u0301\u0301\u0301", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "\uFEFF", "\uFEFFstop", "\uFFFE", "\uFFFF",
            "\u2028", "\u2029", "\u200B", "\u00A0", "\u3000", "null", "true", "false", "0", "-1", "1e400",
            "99999999999999999999999", "NaN", "Infinity", "+919812345678", " 919812345678 ", "٩١٩٨١٢٣٤٥٦٧٨",
            "９１９８１２３４５６７８", "919812345678\u0000", "<script>alert(1)</script>", "'; DROP TABLE contacts; --",
            "%00", "%s%s%s%n", "../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "\\", "\"",
            "STOP", "stop", "Stop!", "optin", "Opt In", "OPT-IN", "optout", "START", "ＳＴＯＰ", "ﬆop",
            "\u0130", "ß", "İstanbul", "\u0007bell", "\u001b[31mred", "a\rb", "\r\n", "x".repeat(70),
    };

    static final String[] ODD_NUMBER_LITERALS = {
            "0", "-0", "1", "-1", "0.0", "-0.0", "1.5", "-1.5", "1e400", "-1e400", "1e-400", "1E2", "1e+2",
            "99999999999999999999999", "-99999999999999999999999", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "253402300799999", "253402300800000", "253402300799",
            "253402300800", "1764054000000", "1764054000", "4.9e-324", "1.7976931348623157e308", "0.1e1",
            "123456789012345678901234567890.123456789", "1" + "0".repeat(900),
    };

    static final String[] ODD_TIMESTAMPS = {
            "-1", "0", "1", "-9999999999999", "1764054000.5", " 1764054000 ", "1764054000 ", "+1764054000",
            "999999999999999999", "-999999999999999999", "9999999999999999999", "0x1A", "1e10", "", "soon",
            "1764054000000", "1764054000", "253402300799999", "253402300800000", "253402300799", "253402300800",
            "٤٥٦", "１７６４０５４０００",
    };

    private final Random rnd;
    private final List<String> vocabulary;

    /** @param vocabulary words the endpoint understands (types, statuses, field names) to reach deeper paths */
    Mutator(Random rnd, List<String> vocabulary) {
        this.rnd = rnd;
        this.vocabulary = vocabulary;
    }

    Random random() {
        return rnd;
    }

    <T> T pick(T[] items) {
        return items[rnd.nextInt(items.length)];
    }

    <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    // ---- values ---------------------------------------------------------------------------------------------

    String oddString() {
        int k = rnd.nextInt(10);
        if (k < 6) return pick(ODD_STRINGS);
        if (k == 6) return randomUnicode(1 + rnd.nextInt(40));
        if (k == 7) return pick(vocabulary);
        if (k == 8) return longString();
        return pick(ODD_STRINGS) + pick(vocabulary) + pick(ODD_STRINGS);
    }

    String longString() {
        int n = pick(new Integer[]{1_000, 4_000, 10_000, 65_536, 140_000});
        String unit = pick(new String[]{"x", "👍", "é", "a\u0301", "\u0000", "ab "});
        StringBuilder sb = new StringBuilder(n * 2);
        while (sb.length() < n) sb.append(unit);
        return sb.toString();
    }

    /** Random code units from the interesting ranges, lone surrogates included. */
    String randomUnicode(int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(8);
            switch (k) {
                case 0 -> sb.append((char) rnd.nextInt(0x20));
                case 1 -> sb.append((char) (0x20 + rnd.nextInt(0x5f)));
                case 2 -> sb.append((char) (0x80 + rnd.nextInt(0x780)));
                case 3 -> sb.append((char) (0xD800 + rnd.nextInt(0x800)));
                case 4 -> sb.appendCodePoint(0x1F300 + rnd.nextInt(0x300));
                case 5 -> sb.append((char) (0x0300 + rnd.nextInt(0x70)));
                case 6 -> sb.append((char) (0x0590 + rnd.nextInt(0x200)));
                default -> sb.append((char) (0xE000 + rnd.nextInt(0x2000)));
            }
        }
        return sb.toString();
    }

    JsonNode oddNumber() {
        int k = rnd.nextInt(4);
        if (k == 0) return F.numberNode(rnd.nextLong());
        if (k == 1) return F.numberNode(rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 10));
        return JsonText.raw(pick(ODD_NUMBER_LITERALS));
    }

    JsonNode oddTimestamp() {
        int k = rnd.nextInt(3);
        if (k == 0) return F.textNode(pick(ODD_TIMESTAMPS));
        if (k == 1) return JsonText.raw(pick(ODD_TIMESTAMPS).strip().replace("+", "").replaceAll("[^0-9eE.-]", "1") + (chance(0.3) ? ".5" : ""));
        return pick(new JsonNode[]{F.numberNode(-1L), F.numberNode(0L), F.numberNode(Long.MAX_VALUE), F.numberNode(Long.MIN_VALUE),
                F.numberNode(new BigInteger("99999999999999999999999")), F.numberNode(new BigDecimal("1764054000.5")),
                F.numberNode(253402300799999L), F.numberNode(253402300800000L), F.numberNode(-253402300799999L),
                F.numberNode(1764054000.0d)});
    }

    /** A value of any JSON type, oddly chosen. */
    JsonNode oddValue() {
        return switch (rnd.nextInt(9)) {
            case 0, 1 -> F.textNode(oddString());
            case 2 -> oddNumber();
            case 3 -> F.nullNode();
            case 4 -> F.booleanNode(rnd.nextBoolean());
            case 5 -> {
                ObjectNode o = F.objectNode();
                if (chance(0.5)) o.set(pick(vocabulary), F.textNode(oddString()));
                yield o;
            }
            case 6 -> {
                ArrayNode a = F.arrayNode();
                for (int i = rnd.nextInt(3); i > 0; i--) a.add(F.textNode(oddString()));
                yield a;
            }
            case 7 -> deep(pick(new Integer[]{2, 50, 500, 998, 999, 1000, 1001, 2000}));
            default -> oddTimestamp();
        };
    }

    /** {@code [[[...]]]} or {@code {"a":{"a":...}}} nested {@code depth} levels. */
    JsonNode deep(int depth) {
        boolean arrays = rnd.nextBoolean();
        JsonNode n = arrays ? F.arrayNode() : F.objectNode();
        for (int i = 1; i < depth; i++) {
            if (arrays) n = F.arrayNode().add(n);
            else n = F.objectNode().set("a", n);
        }
        return n;
    }

    /** A value of another type than {@code v}. */
    JsonNode swapType(JsonNode v) {
        for (int i = 0; i < 10; i++) {
            JsonNode c = oddValue();
            if (c.getNodeType() != v.getNodeType()) return c;
        }
        return F.nullNode();
    }

    // ---- tree mutations -------------------------------------------------------------------------------------

    /** A place in the tree: an object's key or an array's index. */
    record Slot(JsonNode container, String key, int index) {
        JsonNode get() {
            return key != null ? container.get(key) : container.get(index);
        }

        void set(JsonNode v) {
            if (key != null) ((ObjectNode) container).set(key, v);
            else ((ArrayNode) container).set(index, v);
        }

        String name() {
            return key != null ? key : "[" + index + "]";
        }
    }

    static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out, 0);
        return out;
    }

    private static void collect(JsonNode n, List<Slot> out, int depth) {
        if (depth > 60) return;
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                out.add(new Slot(n, k, -1));
                collect(n.get(k), out, depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                collect(n.get(i), out, depth + 1);
            }
        }
    }

    /**
     * Applies 1 to {@code max} tree mutations to {@code root} (in place) and returns their names. Duplicated keys
     * are recorded in {@code text}.
     */
    List<String> mutateTree(JsonNode root, JsonText text, int max) {
        List<String> done = new ArrayList<>();
        int n = 1 + rnd.nextInt(max);
        for (int i = 0; i < n; i++) {
            List<Slot> slots = slots(root);
            if (slots.isEmpty()) break;
            Slot s = pick(slots);
            done.add(mutate(s, text));
        }
        return done;
    }

    String mutate(Slot s, JsonText text) {
        JsonNode v = s.get();
        int op = rnd.nextInt(16);
        switch (op) {
            case 0: {
                if (s.key() != null) ((ObjectNode) s.container()).remove(s.key());
                else ((ArrayNode) s.container()).remove(s.index());
                return "drop " + s.name();
            }
            case 1: {
                if (s.key() != null) {
                    text.duplicate(s.container(), s.key());
                    return "duplicate key " + s.key();
                }
                ((ArrayNode) s.container()).insert(s.index(), v.deepCopy());
                return "duplicate element " + s.name();
            }
            case 2: {
                if (s.key() == null) return "noop";
                String to = rename(s.key());
                ObjectNode o = (ObjectNode) s.container();
                Map<String, JsonNode> copy = new LinkedHashMap<>();
                o.fields().forEachRemaining(e -> copy.put(e.getKey().equals(s.key()) ? to : e.getKey(), e.getValue()));
                o.removeAll();
                copy.forEach(o::set);
                return "rename " + s.key() + "->" + FuzzCase.abbreviate(to, 20);
            }
            case 3, 4: {
                s.set(swapType(v));
                return "swap type " + s.name();
            }
            case 5, 6: {
                s.set(F.textNode(oddString()));
                return "odd string " + s.name();
            }
            case 7: {
                s.set(oddNumber());
                return "odd number " + s.name();
            }
            case 8: {
                s.set(F.nullNode());
                return "null " + s.name();
            }
            case 9: {
                s.set(deep(pick(new Integer[]{10, 200, 990, 999, 1000, 1001, 1500})));
                return "deep " + s.name();
            }
            case 10: {
                if (v.isObject()) {
                    ((ObjectNode) v).set(chance(0.5) ? pick(vocabulary) : oddString(), oddValue());
                    return "add field in " + s.name();
                }
                if (v.isArray()) {
                    ((ArrayNode) v).add(v.size() > 0 && chance(0.6) ? v.get(0).deepCopy() : oddValue());
                    return "add element in " + s.name();
                }
                s.set(F.textNode(pick(vocabulary)));
                return "vocabulary " + s.name();
            }
            case 11, 12: {
                s.set(F.textNode(pick(vocabulary)));
                return "vocabulary " + s.name();
            }
            case 13: {
                s.set(oddTimestamp());
                return "odd timestamp " + s.name();
            }
            case 14: {
                if (v.isArray() && v.size() == 1 && chance(0.5)) {
                    s.set(v.get(0));
                    return "unwrap " + s.name();
                }
                s.set(F.arrayNode().add(v));
                return "wrap in array " + s.name();
            }
            default: {
                if (v.isTextual()) {
                    String t = v.textValue();
                    int at = t.isEmpty() ? 0 : rnd.nextInt(t.length() + 1);
                    s.set(F.textNode(t.substring(0, at) + pick(ODD_STRINGS) + t.substring(at)));
                    return "insert into string " + s.name();
                }
                s.set(F.textNode(v.isValueNode() ? v.asText() : new String(new JsonText().bytes(v), StandardCharsets.UTF_8)));
                return "stringify " + s.name();
            }
        }
    }

    private String rename(String key) {
        return switch (rnd.nextInt(7)) {
            case 0 -> key.toUpperCase();
            case 1 -> key + "_";
            case 2 -> " " + key;
            case 3 -> key.isEmpty() ? "x" : key.substring(0, key.length() - 1);
            case 4 -> key.replace('e', 'е'); // Cyrillic e: looks the same
            case 5 -> pick(vocabulary);
            default -> oddString();
        };
    }

    // ---- byte mutations -------------------------------------------------------------------------------------

    /** One byte-level mutation of {@code in}; returns its name and the result. */
    Map.Entry<String, byte[]> mutateBytes(byte[] in) {
        int op = rnd.nextInt(14);
        switch (op) {
            case 0, 1: {
                int at = in.length == 0 ? 0 : rnd.nextInt(in.length);
                return Map.entry("truncate at " + at, Arrays.copyOf(in, at));
            }
            case 2: {
                byte[] out = in.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int i = 0; i < flips && out.length > 0; i++) out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
                return Map.entry("flip " + flips + " bits", out);
            }
            case 3: {
                byte[] out = in.clone();
                for (int i = 0; i < 1 + rnd.nextInt(3) && out.length > 0; i++) out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                return Map.entry("random bytes in place", out);
            }
            case 4: {
                int at = in.length == 0 ? 0 : rnd.nextInt(in.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(ins);
                return Map.entry("insert bytes at " + at, concat(Arrays.copyOf(in, at), ins, Arrays.copyOfRange(in, at, in.length)));
            }
            case 5: {
                if (in.length < 2) return Map.entry("empty", new byte[0]);
                int from = rnd.nextInt(in.length - 1);
                int to = from + 1 + rnd.nextInt(Math.min(40, in.length - from - 1) + 1);
                return Map.entry("delete bytes " + from + ".." + to, concat(Arrays.copyOf(in, from), Arrays.copyOfRange(in, Math.min(to, in.length), in.length)));
            }
            case 6: {
                byte[] out = new byte[rnd.nextInt(1200)];
                rnd.nextBytes(out);
                return Map.entry("random bytes", out);
            }
            case 7:
                return Map.entry("UTF-8 BOM", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, in));
            case 8: {
                Charset cs = pick(new Charset[]{StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        StandardCharsets.UTF_16, Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE")});
                String s = new String(in, StandardCharsets.UTF_8);
                ByteBuffer b = cs.encode(s);
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return Map.entry("re-encoded " + cs.name(), out);
            }
            case 9:
                return Map.entry("trailing garbage", concat(in, pick(new String[]{"}", "]", "x", "{}", ",", " {\"a\":1}", "\u0000", "null"})
                        .getBytes(StandardCharsets.UTF_8)));
            case 10:
                return Map.entry("whitespace around", concat(" \t\r\n".getBytes(StandardCharsets.UTF_8), in, "\n\n ".getBytes(StandardCharsets.UTF_8)));
            case 11:
                return Map.entry("empty body", new byte[0]);
            case 12: {
                // invalid UTF-8 sequences inside the text: overlong, surrogate-encoded, truncated
                byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8},
                        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                int at = in.length == 0 ? 0 : rnd.nextInt(in.length);
                return Map.entry("bad UTF-8 at " + at, concat(Arrays.copyOf(in, at), pick(bad), Arrays.copyOfRange(in, at, in.length)));
            }
            default: {
                int depth = pick(new Integer[]{999, 1000, 1001, 10_000, 100_000});
                String open = rnd.nextBoolean() ? "[" : "{\"a\":";
                StringBuilder sb = new StringBuilder(open.repeat(depth));
                if (chance(0.5)) {
                    sb.append("1");
                    for (int i = 0; i < depth; i++) sb.append(open.equals("[") ? "]" : "}");
                }
                return Map.entry("nested " + depth + " levels", sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Content types a client might send instead of application/json; the service reads the body as JSON anyway. */
    Map<String, String> contentType() {
        if (chance(0.75)) return Map.of("Content-Type", "application/json");
        String ct = pick(new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "application/json; charset=utf-16", "application/octet-stream",
                "application/problem+json", "*/*", "", "application/json; charset=\"unknown\"", "APPLICATION/JSON", "application/json, text/html"});
        return ct.isEmpty() ? Map.of() : Map.of("Content-Type", ct);
    }
}
