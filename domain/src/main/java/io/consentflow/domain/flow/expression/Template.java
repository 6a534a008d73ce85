package io.consentflow.domain.flow.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flow text with its {@code @}-expressions parsed once: {@code @contact.name} and {@code @(upper(contact.name))}
 * alike. {@code @@} is a literal {@code @}; an {@code @} right after a letter or digit is literal (e-mail
 * addresses); {@code @name...} whose top-level name the context does not have stays as written, as goflow leaves
 * {@code @gmail.com}; a dot not followed by a name is punctuation ("Thanks @contact.name."); an unclosed
 * {@code @(} is literal text.
 * <p>
 * Parsed templates are kept (at most {@value #CACHE_SIZE}, the least recently used go first): the inbound path
 * renders the same few texts over and over and parses each once.
 */
public final class Template {
    static final int CACHE_SIZE = 4096;
    private static final Map<String, Template> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** A piece of a template: literal text, or an expression and the source it was written as. */
    sealed interface Segment permits Literal, Expr {
    }

    record Literal(String text) implements Segment {
    }

    /**
     * @param topLevel the lower-case first name of an {@code @name.path} reference; null for {@code @(...)}
     * @param parsed   the expression, or null when {@code parseError} says why it does not parse
     */
    record Expr(String source, String topLevel, Expression parsed, String parseError) implements Segment {
    }

    /** The text rendered and the errors met, each as goflow words it ("error evaluating @(1 / 0): ..."). */
    public record Rendered(String text, List<String> errors) {
        public Rendered {
            errors = List.copyOf(errors);
        }
    }

    private final String source;
    private final List<Segment> segments;

    private Template(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** The template {@code text} holds, parsed once per distinct text. */
    public static Template of(String text) {
        Template t = CACHE.get(text);
        if (t != null) return t;
        t = new Template(text, scan(text));
        CACHE.put(text, t);
        return t;
    }

    public String source() {
        return source;
    }

    /** Whether the text has anything to evaluate. */
    public boolean hasExpressions() {
        for (Segment s : segments) if (s instanceof Expr) return true;
        return false;
    }

    /** Evaluates each expression; a failing one renders as nothing and its error is returned. */
    public Rendered render(Env env) {
        if (segments.size() == 1 && segments.get(0) instanceof Literal l) return new Rendered(l.text(), List.of());
        StringBuilder out = new StringBuilder(source.length() + 16);
        List<String> errors = null;
        for (Segment s : segments) {
            if (s instanceof Literal l) {
                out.append(l.text());
                continue;
            }
            Expr e = (Expr) s;
            if (literal(e, env)) {
                out.append(e.source());
                continue;
            }
            Value v = evaluate(e, env);
            if (v instanceof Value.Error err) {
                if (errors == null) errors = new ArrayList<>(1);
                errors.add("error evaluating " + e.source() + ": " + err.message());
            } else {
                out.append(Values.render(v));
            }
        }
        return new Rendered(out.toString(), errors == null ? List.of() : errors);
    }

    /**
     * Whether this template is one expression and nothing else ({@code @results.x}, {@code @(results.x)},
     * surrounding spaces allowed), as a router's operand usually is.
     */
    public boolean isSingle() {
        return single() != null;
    }

    /**
     * The value of a template that {@link #isSingle is one expression}, as a router's case sees its operand (an
     * error value when it fails; text when its top-level name is unknown and it stays as written).
     */
    public Value value(Env env) {
        Expr only = single();
        if (only == null) throw new IllegalStateException("not a single expression: " + source);
        return literal(only, env) ? new Value.Text(source.strip()) : evaluate(only, env);
    }

    private Expr single() {
        Expr only = null;
        for (Segment s : segments) {
            if (s instanceof Literal l) {
                if (!l.text().isBlank()) return null;
            } else if (only != null) {
                return null;
            } else {
                only = (Expr) s;
            }
        }
        return only;
    }

    private static boolean literal(Expr e, Env env) {
        return e.topLevel() != null && !env.context().has(e.topLevel());
    }

    private static Value evaluate(Expr e, Env env) {
        if (e.parsed() == null) return new Value.Error(e.parseError());
        return e.parsed().evaluate(env);
    }

    // ---- scanning ----------------------------------------------------------------------------------------------

    private static List<Segment> scan(String text) {
        List<Segment> out = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '@') {
                body.append(c);
                i++;
            } else if (i + 1 < n && text.charAt(i + 1) == '@') {
                body.append('@');
                i += 2;
            } else if (i > 0 && Character.isLetterOrDigit(text.codePointBefore(i))) {
                body.append('@');
                i++;
            } else if (i + 1 < n && text.charAt(i + 1) == '(') {
                int end = closingParen(text, i + 2);
                if (end < 0) {
                    body.append(text, i, n);
                    i = n;
                } else {
                    flush(body, out);
                    out.add(expression(text.substring(i, end + 1), text.substring(i + 2, end), null));
                    i = end + 1;
                }
            } else {
                int end = pathEnd(text, i + 1);
                if (end == i + 1) {
                    body.append('@');
                    i++;
                } else {
                    flush(body, out);
                    String path = text.substring(i + 1, end);
                    int dot = path.indexOf('.');
                    String top = (dot < 0 ? path : path.substring(0, dot)).toLowerCase(Locale.ROOT);
                    out.add(expression(text.substring(i, end), path, top));
                    i = end;
                }
            }
        }
        flush(body, out);
        return List.copyOf(out);
    }

    private static Expr expression(String source, String inside, String topLevel) {
        try {
            return new Expr(source, topLevel, Parser.parse(inside), null);
        } catch (IllegalArgumentException e) {
            return new Expr(source, topLevel, null, e.getMessage());
        }
    }

    private static void flush(StringBuilder body, List<Segment> out) {
        if (body.length() == 0) return;
        out.add(new Literal(body.toString()));
        body.setLength(0);
    }

    /** The index of the parenthesis closing an {@code @(} whose inside starts at {@code from}, or -1. */
    private static int closingParen(String text, int from) {
        int depth = 1;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') i++;
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The end of {@code name(.name)*} starting at {@code from}; a name starts with a letter or underscore. */
    private static int pathEnd(String text, int from) {
        int n = text.length();
        if (from >= n || !(Character.isLetter(text.codePointAt(from)) || text.charAt(from) == '_')) return from;
        int i = from;
        while (true) {
            while (i < n && Parser.nameChar(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            if (i + 1 < n && text.charAt(i) == '.' && Parser.nameChar(text.codePointAt(i + 1))) i++;
            else return i;
        }
    }
}
