package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain's own small JSON reader and writer: {@code parse_json} and {@code json()}, and the webhook response
 * a run keeps as text ({@code @webhook}). Objects read become objects without a default, numbers exact decimals.
 */
public final class Json {
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * The value {@code json} holds (null for JSON's null).
     *
     * @throws IllegalArgumentException when it is not JSON, naming where it stops being JSON
     */
    public static Value parse(String json) {
        Json reader = new Json(json);
        reader.skipSpace();
        Value v = reader.value();
        reader.skipSpace();
        if (reader.pos != json.length()) throw reader.fail("unexpected text after the value");
        return v;
    }

    /** {@code value} as JSON text; objects with their properties in name order (defaults are not written). */
    public static String write(Value value) {
        StringBuilder b = new StringBuilder();
        write(value, b);
        return b.toString();
    }

    private static void write(Value v, StringBuilder b) {
        if (v == null || v instanceof Value.Error || v instanceof Value.Func) {
            b.append("null");
        } else if (v instanceof Value.Text t) {
            b.append(quote(t.value()));
        } else if (v instanceof Value.Num n) {
            b.append(n.render());
        } else if (v instanceof Value.Bool bool) {
            b.append(bool.render());
        } else if (v instanceof Value.Array a) {
            b.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) b.append(',');
                write(a.items().get(i), b);
            }
            b.append(']');
        } else if (v instanceof Value.Obj o) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : o.sorted().entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append(quote(e.getKey())).append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else {
            // dates, datetimes and times as their text
            b.append(quote(v.render()));
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private Value value() {
        if (pos >= text.length()) throw fail("unexpected end");
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new Value.Text(string());
            case 't':
                literal("true");
                return Value.Bool.TRUE;
            case 'f':
                literal("false");
                return Value.Bool.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw fail("unexpected '" + c + "'");
        }
    }

    private Value object() {
        nest();
        pos++;
        Map<String, Value> props = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            depth--;
            return Value.Obj.of(props);
        }
        while (true) {
            skipSpace();
            if (!peek('"')) throw fail("expected a property name");
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            props.put(key, value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                depth--;
                return Value.Obj.of(props);
            }
        }
    }

    private Value array() {
        nest();
        pos++;
        List<Value> items = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            depth--;
            return new Value.Array(items);
        }
        while (true) {
            skipSpace();
            items.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                depth--;
                return new Value.Array(items);
            }
        }
    }

    private void nest() {
        if (++depth > MAX_DEPTH) throw fail("nested deeper than " + MAX_DEPTH);
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw fail("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw fail("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) throw fail("unterminated string");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw fail("bad \\u escape");
                    try {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw fail("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw fail("bad escape \\" + e);
            }
        }
    }

    private Value number() {
        int start = pos;
        if (peek('-')) pos++;
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) pos++;
        if (pos == digits) throw fail("expected a digit");
        if (peek('.')) {
            pos++;
            int frac = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
            if (pos == frac) throw fail("expected a digit");
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) pos++;
            int exp = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
            if (pos == exp || pos - exp > 4) throw fail("bad exponent");
        }
        return new Value.Num(new BigDecimal(text.substring(start, pos)));
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) throw fail("unexpected '" + text.charAt(pos) + "'");
        pos += word.length();
    }

    private void expect(char c) {
        if (!peek(c)) throw fail(pos >= text.length() ? "unexpected end" : "expected '" + c + "'");
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException("not JSON at offset " + pos + ": " + why);
    }
}
