package io.consentflow.domain.flow.template;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.RunResult;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the {@code @}-references of flow texts: {@code @contact.name}, {@code @contact.phone},
 * {@code @contact.language}, {@code @contact.fields.<key>} and {@code @contact.<key>}, {@code @results.<name>}
 * (with {@code .value}, {@code .category}, {@code .input}, or a field a webhook answered: {@code .<field>}),
 * {@code @input} / {@code @input.text} and
 * {@code @child.run.status}; also {@code @contact} (the name) and {@code @contact.first_name}, as goflow has them.
 * An unknown reference renders as empty text; {@code @@} is a literal {@code @}.
 * <p>
 * Only references rooted at {@code contact}, {@code results}, {@code input} or {@code child} are expanded, and
 * an {@code @} right after a letter or digit is literal, so an e-mail address stays intact. {@code @(...)}
 * expressions are not evaluated: they render unchanged.
 */
public final class Templates {
    private static final Set<String> ROOTS = Set.of("contact", "results", "input", "child");

    private Templates() {
    }

    /** Renders {@code text}; null renders as empty text. */
    public static String render(String text, TemplateContext context) {
        if (text == null || text.isEmpty()) return "";
        if (text.indexOf('@') < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '@') {
                out.append(c);
                i++;
            } else if (i + 1 < n && text.charAt(i + 1) == '@') {
                out.append('@');
                i += 2;
            } else if (i > 0 && Character.isLetterOrDigit(text.codePointBefore(i))) {
                out.append('@');
                i++;
            } else {
                int end = pathEnd(text, i + 1);
                String path = text.substring(i + 1, end);
                String[] parts = path.split("\\.");
                if (end == i + 1 || !ROOTS.contains(parts[0].toLowerCase(Locale.ROOT))) {
                    out.append(text, i, end);
                } else {
                    out.append(resolve(parts, context));
                }
                i = end;
            }
        }
        return out.toString();
    }

    /** Like {@link #render} but keeps null as null (optional texts such as a header). */
    public static String renderOrNull(String text, TemplateContext context) {
        return text == null ? null : render(text, context);
    }

    /**
     * The end of a dotted name starting at {@code from}: {@code ident(.ident)*}. A dot not followed by a name
     * character is punctuation ("Thanks @contact.name.").
     */
    private static int pathEnd(String text, int from) {
        int n = text.length();
        if (from >= n || !(Character.isLetter(text.charAt(from)) || text.charAt(from) == '_')) return from;
        int i = from;
        while (true) {
            while (i < n && nameChar(text.charAt(i))) i++;
            if (i + 1 < n && text.charAt(i) == '.' && nameChar(text.charAt(i + 1))) i++;
            else return i;
        }
    }

    private static boolean nameChar(char c) {
        int type = Character.getType(c);
        // marks belong to Indic words (result names like "नाम")
        return Character.isLetterOrDigit(c) || c == '_' || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static String resolve(String[] parts, TemplateContext ctx) {
        String root = parts[0].toLowerCase(Locale.ROOT);
        String value = switch (root) {
            case "contact" -> contact(parts, ctx.contact());
            case "results" -> result(parts, ctx.results());
            case "input" -> parts.length == 1 || (parts.length == 2 && is(parts[1], "text")) ? ctx.input() : null;
            case "child" -> parts.length == 3 && is(parts[1], "run") && is(parts[2], "status") ? ctx.childStatus() : null;
            default -> null;
        };
        return value == null ? "" : value;
    }

    private static String contact(String[] parts, Contact contact) {
        if (contact == null) return null;
        if (parts.length == 1) return contact.name();
        String attribute = parts[1].toLowerCase(Locale.ROOT);
        if (parts.length == 2) {
            return switch (attribute) {
                case "name" -> contact.name();
                case "first_name" -> contact.name() == null ? null : contact.name().split("\\s+")[0];
                case "phone" -> contact.phone().digits();
                case "language" -> contact.language();
                default -> field(contact, parts[1]);
            };
        }
        return parts.length == 3 && attribute.equals("fields") ? field(contact, parts[2]) : null;
    }

    /** Field keys are snake_case; the expression may differ in case only. */
    private static String field(Contact contact, String key) {
        Map<String, String> fields = contact.fields();
        String exact = fields.get(key);
        if (exact != null) return exact;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
        }
        return null;
    }

    private static String result(String[] parts, Map<String, RunResult> results) {
        if (parts.length < 2) return null;
        RunResult r = results.get(RunResult.key(parts[1]));
        if (r == null) return null;
        if (parts.length == 2) return r.value();
        if (parts.length == 3) {
            switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "value": return r.value();
                case "category": return r.category();
                case "input": return r.input();
                default: break;
            }
        }
        return extra(r, String.join(".", Arrays.asList(parts).subList(2, parts.length)));
    }

    /** A field a webhook or a posted result answered ({@code @results.<name>.<path>}); names differ in case only. */
    private static String extra(RunResult r, String path) {
        Map<String, String> extra = r.extra();
        if (extra == null) return null;
        String exact = extra.get(path);
        if (exact != null) return exact;
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (e.getKey().equalsIgnoreCase(path)) return e.getValue();
        }
        return null;
    }

    private static boolean is(String part, String name) {
        return part.equalsIgnoreCase(name);
    }
}
