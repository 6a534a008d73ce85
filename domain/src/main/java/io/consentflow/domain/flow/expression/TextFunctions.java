package io.consentflow.domain.flow.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** goflow's text functions. */
final class TextFunctions {
    private static final int MAX_OUTPUT = 10_000;

    private TextFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("text", 1, 1, (env, a) -> new Value.Text(Values.text(a.get(0))));
        r.add("upper", 1, 1, (env, a) -> new Value.Text(Values.text(a.get(0)).toUpperCase(Locale.ROOT)));
        r.add("lower", 1, 1, (env, a) -> new Value.Text(Values.text(a.get(0)).toLowerCase(Locale.ROOT)));
        r.add("title", 1, 1, (env, a) -> new Value.Text(title(Values.text(a.get(0)))));
        r.add("text_length", 1, 1, (env, a) -> Value.Num.of(codePoints(Values.text(a.get(0)))));
        r.add("text_compare", 2, 2, (env, a) ->
                Value.Num.of(Integer.signum(Values.text(a.get(0)).compareTo(Values.text(a.get(1))))));
        r.add("trim", 1, 2, (env, a) -> new Value.Text(trim(Values.text(a.get(0)), chars(a), true, true)));
        r.add("trim_left", 1, 2, (env, a) -> new Value.Text(trim(Values.text(a.get(0)), chars(a), true, false)));
        r.add("trim_right", 1, 2, (env, a) -> new Value.Text(trim(Values.text(a.get(0)), chars(a), false, true)));
        r.add("clean", 1, 1, (env, a) -> new Value.Text(clean(Values.text(a.get(0)))));
        r.add("char", 1, 1, (env, a) -> {
            int code = Values.integer(a.get(0));
            if (!Character.isValidCodePoint(code)) throw new EvalException(code + " is not a valid character code");
            return new Value.Text(new String(Character.toChars(code)));
        });
        r.add("code", 1, 1, (env, a) -> {
            String t = Values.text(a.get(0));
            if (t.isEmpty()) throw new EvalException("requires a string of at least one character");
            return Value.Num.of(t.codePointAt(0));
        });
        r.add("split", 1, 2, (env, a) -> {
            List<Value> items = new ArrayList<>();
            for (String w : words(Values.text(a.get(0)), delimiters(a, 1))) items.add(new Value.Text(w));
            return new Value.Array(items);
        });
        r.add("word", 2, 3, (env, a) -> {
            List<String> words = words(Values.text(a.get(0)), delimiters(a, 2));
            int index = Values.integer(a.get(1));
            int offset = index < 0 ? index + words.size() : index;
            if (offset < 0 || offset >= words.size()) {
                throw new EvalException("index " + index + " is out of range for the number of words " + words.size());
            }
            return new Value.Text(words.get(offset));
        });
        r.add("word_count", 1, 2, (env, a) -> Value.Num.of(words(Values.text(a.get(0)), delimiters(a, 1)).size()));
        r.add("word_slice", 2, 4, (env, a) -> {
            List<String> words = words(Values.text(a.get(0)), delimiters(a, 3));
            int start = Values.integer(a.get(1));
            int end = a.size() > 2 && a.get(2) != null ? Values.integer(a.get(2)) : words.size();
            if (start < 0) throw new EvalException("must start with a positive index");
            // a negative end is goflow's "to the last word"
            if (end < 0) end = words.size();
            end = Math.min(end, words.size());
            if (start >= end) return Value.Text.EMPTY;
            return new Value.Text(String.join(" ", words.subList(start, end)));
        });
        r.add("remove_first_word", 1, 1, (env, a) -> {
            String t = Values.text(a.get(0));
            List<String> words = words(t, "");
            if (words.size() < 2) return Value.Text.EMPTY;
            int at = t.indexOf(words.get(0)) + words.get(0).length();
            int second = t.indexOf(words.get(1), at);
            return new Value.Text(t.substring(second));
        });
        r.add("field", 3, 3, (env, a) -> {
            String t = Values.text(a.get(0));
            int index = Values.integer(a.get(1));
            String delimiter = Values.text(a.get(2));
            if (index < 0) throw new EvalException("cannot use a negative index to FIELD");
            List<String> fields = new ArrayList<>();
            if (delimiter.equals(" ")) {
                for (String f : t.strip().split("\\s+")) fields.add(f);
            } else {
                for (String f : t.split(Pattern.quote(delimiter), -1)) fields.add(f);
            }
            return index < fields.size() ? new Value.Text(fields.get(index).strip()) : Value.Text.EMPTY;
        });
        r.add("text_slice", 2, 3, (env, a) -> {
            String t = Values.text(a.get(0));
            int[] cps = t.codePoints().toArray();
            int start = Values.integer(a.get(1));
            int end = a.size() > 2 ? Values.integer(a.get(2)) : cps.length;
            if (start < 0) start += cps.length;
            if (end < 0) end += cps.length;
            start = Math.max(0, Math.min(start, cps.length));
            end = Math.max(0, Math.min(end, cps.length));
            if (start >= end) return Value.Text.EMPTY;
            return new Value.Text(new String(cps, start, end - start));
        });
        // RapidPro's older names, still found in flows migrated from it
        r.add("left", 2, 2, (env, a) -> slice(Values.text(a.get(0)), 0, count(a.get(1))));
        r.add("right", 2, 2, (env, a) -> {
            String t = Values.text(a.get(0));
            int n = codePoints(t);
            return slice(t, Math.max(0, n - count(a.get(1))), n);
        });
        r.add("repeat", 2, 2, (env, a) -> {
            String t = Values.text(a.get(0));
            int n = Values.integer(a.get(1));
            if (n < 0) throw new EvalException("must be called with a positive integer, got " + n);
            if (!t.isEmpty() && (long) n * t.length() > MAX_OUTPUT) {
                throw new EvalException("cannot build a string longer than " + MAX_OUTPUT + " characters");
            }
            return new Value.Text(t.repeat(n));
        });
        r.add("replace", 3, 4, (env, a) -> {
            String t = Values.text(a.get(0));
            String needle = Values.text(a.get(1));
            String replacement = Values.text(a.get(2));
            int limit = a.size() > 3 ? Values.integer(a.get(3)) : -1;
            if (needle.isEmpty() || limit == 0) return new Value.Text(t);
            StringBuilder b = new StringBuilder();
            int from = 0;
            int done = 0;
            int at;
            while ((limit < 0 || done < limit) && (at = t.indexOf(needle, from)) >= 0) {
                b.append(t, from, at).append(replacement);
                from = at + needle.length();
                done++;
            }
            return new Value.Text(b.append(t.substring(from)).toString());
        });
        r.add("regex_match", 2, 3, (env, a) -> {
            String t = Values.text(a.get(0));
            Pattern p;
            try {
                p = Pattern.compile(Values.text(a.get(1)), Pattern.UNICODE_CHARACTER_CLASS);
            } catch (PatternSyntaxException e) {
                throw new EvalException("invalid regular expression");
            }
            int group = a.size() > 2 ? Values.integer(a.get(2)) : 0;
            Matcher m = p.matcher(t);
            if (!m.find()) return Value.Text.EMPTY;
            if (group < 0 || group > m.groupCount()) throw new EvalException("invalid capture group " + group);
            String g = m.group(group);
            return new Value.Text(g == null ? "" : g);
        });
        r.add("percent", 1, 1, (env, a) -> new Value.Text(
                NumberFunctions.format(Values.number(a.get(0)).movePointRight(2), 0, true) + "%"));
        r.add("url_encode", 1, 1, (env, a) -> new Value.Text(urlEncode(Values.text(a.get(0)))));
        r.add("html_decode", 1, 1, (env, a) -> new Value.Text(htmlDecode(Values.text(a.get(0)))));
        r.add("read_chars", 1, 1, (env, a) -> {
            String t = Values.text(a.get(0));
            int[] cps = t.codePoints().toArray();
            StringBuilder b = new StringBuilder();
            int group = cps.length % 3 == 0 && cps.length > 3 ? 3 : cps.length % 4 == 0 && cps.length > 4 ? 4 : 0;
            for (int i = 0; i < cps.length; i++) {
                if (i > 0) b.append(group > 0 && i % group == 0 ? " , " : " ");
                b.appendCodePoint(cps[i]);
            }
            return new Value.Text(b.toString());
        });
        r.add("format_location", 1, 1, (env, a) -> {
            String[] parts = Values.text(a.get(0)).split(">");
            return new Value.Text(parts[parts.length - 1].strip());
        });
        r.add("urn_parts", 1, 1, (env, a) -> {
            String urn = Values.text(a.get(0));
            int colon = urn.indexOf(':');
            if (colon <= 0 || colon == urn.length() - 1 || urn.indexOf(' ') >= 0) {
                throw new EvalException(Json.quote(urn) + " is not a valid URN");
            }
            String path = urn.substring(colon + 1);
            String display = "";
            int hash = path.indexOf('#');
            if (hash >= 0) {
                display = path.substring(hash + 1);
                path = path.substring(0, hash);
            }
            return Value.Obj.of(java.util.Map.of("scheme", new Value.Text(urn.substring(0, colon)),
                    "path", new Value.Text(path), "display", new Value.Text(display)));
        });
        r.add("format_urn", 1, 1, (env, a) -> {
            String urn = Values.text(a.get(0));
            int colon = urn.indexOf(':');
            if (colon <= 0 || colon == urn.length() - 1) throw new EvalException(Json.quote(urn) + " is not a valid URN");
            String path = urn.substring(colon + 1);
            int hash = path.indexOf('#');
            return new Value.Text(hash >= 0 ? path.substring(hash + 1) : path);
        });
        r.add("attachment_parts", 1, 1, (env, a) -> {
            String t = Values.text(a.get(0));
            int colon = t.indexOf(':');
            // a URL's own colon ("https:") is not the end of a content type, which has a slash
            boolean typed = colon > 0 && t.substring(0, colon).indexOf('/') > 0;
            return Value.Obj.of(java.util.Map.of("content_type", new Value.Text(typed ? t.substring(0, colon) : ""),
                    "url", new Value.Text(typed ? t.substring(colon + 1) : t)));
        });
    }

    private static Value slice(String t, int start, int end) {
        int[] cps = t.codePoints().toArray();
        end = Math.min(end, cps.length);
        if (start >= end) return Value.Text.EMPTY;
        return new Value.Text(new String(cps, start, end - start));
    }

    private static int count(Value v) {
        int n = Values.integer(v);
        if (n < 0) throw new EvalException("can't take a negative count");
        return n;
    }

    private static String chars(List<Value> a) {
        return a.size() > 1 && a.get(1) != null ? Values.text(a.get(1)) : "";
    }

    private static String delimiters(List<Value> a, int index) {
        return a.size() > index && a.get(index) != null ? Values.text(a.get(index)) : "";
    }

    static int codePoints(String t) {
        return t.codePointCount(0, t.length());
    }

    /** Each word's first letter upper case, the rest lower case. */
    static String title(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (start && Character.isLetter(cp)) b.appendCodePoint(Character.toTitleCase(cp));
            else b.appendCodePoint(cp);
            start = !(Character.isLetterOrDigit(cp) || cp == '\'' || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static String trim(String t, String chars, boolean left, boolean right) {
        int start = 0;
        int end = t.length();
        if (left) while (start < end && trimmed(t.charAt(start), chars)) start++;
        if (right) while (end > start && trimmed(t.charAt(end - 1), chars)) end--;
        return t.substring(start, end);
    }

    private static boolean trimmed(char c, String chars) {
        return chars.isEmpty() ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    /** Without control, format and other non-printable characters (new lines and tabs included). */
    private static String clean(String t) {
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean other = type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED;
            if (!other) b.appendCodePoint(cp);
        });
        return b.toString();
    }

    /**
     * The words of {@code t}: without delimiters, runs of letters, digits and marks, each symbol (an emoji) a word
     * of its own; with them, what lies between any of those characters. Empty words are dropped either way.
     */
    static List<String> words(String t, String delimiters) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (!delimiters.isEmpty()) {
                if (delimiters.indexOf(cp) >= 0) flush(word, out);
                else word.appendCodePoint(cp);
                continue;
            }
            int type = Character.getType(cp);
            if (Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || cp == '_') {
                word.appendCodePoint(cp);
            } else if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL
                    || type == Character.CURRENCY_SYMBOL) {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            } else if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                // variation selectors, joiners and skin tones belong to the emoji before them
                if (!out.isEmpty() && word.length() == 0) out.set(out.size() - 1, out.get(out.size() - 1) + new String(Character.toChars(cp)));
            } else {
                flush(word, out);
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) out.add(word.toString());
        word.setLength(0);
    }

    /** Percent-encodes everything but unreserved characters, spaces as %20 (Python's quote with safe=""). */
    private static String urlEncode(String t) {
        StringBuilder b = new StringBuilder();
        for (int c : utf8(t)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static List<Integer> utf8(String t) {
        List<Integer> bytes = new ArrayList<>(t.length());
        t.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                bytes.add(cp);
            } else if (cp < 0x800) {
                bytes.add(0xC0 | cp >> 6);
                bytes.add(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                bytes.add(0xE0 | cp >> 12);
                bytes.add(0x80 | cp >> 6 & 0x3F);
                bytes.add(0x80 | cp & 0x3F);
            } else {
                bytes.add(0xF0 | cp >> 18);
                bytes.add(0x80 | cp >> 12 & 0x3F);
                bytes.add(0x80 | cp >> 6 & 0x3F);
                bytes.add(0x80 | cp & 0x3F);
            }
        });
        return bytes;
    }

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");

    /** The common named entities and numeric references; a non-breaking space becomes a space. */
    private static String htmlDecode(String t) {
        Matcher m = ENTITY.matcher(t);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            switch (e) {
                case "amp" -> r = "&";
                case "lt" -> r = "<";
                case "gt" -> r = ">";
                case "quot" -> r = "\"";
                case "apos" -> r = "'";
                case "nbsp" -> r = " ";
                default -> {
                    int cp = e.charAt(1) == 'x' || e.charAt(1) == 'X' ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1));
                    r = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
                }
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString().replace('\u00A0', ' ');
    }
}
