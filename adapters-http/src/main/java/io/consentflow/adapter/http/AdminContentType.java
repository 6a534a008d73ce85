package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Locale;
import java.util.Set;

/**
 * The admin API reads JSON in UTF-8 (RFC 8259) and nothing else: a body declared as something else (XML, a form)
 * or in another charset is a 415, before anything is read, rather than bytes parsed as what they are not. A body
 * without a Content-Type is read as JSON (scripts often send none). Webhooks are not checked: providers label
 * their JSON as they like (Gupshup sometimes as a form) and we must keep taking it.
 */
final class AdminContentType {
    private static final String CSV_IMPORT = "/api/v1/contacts/import";
    private static final Set<HandlerType> WITH_BODY = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

    void register(RoutesConfig routes) {
        routes.before("/api/*", this::check);
    }

    void check(Context ctx) {
        if (!WITH_BODY.contains(ctx.method())) return;
        // the contact import takes CSV, and checks its own Content-Type
        if (ctx.path().endsWith(CSV_IMPORT)) return;
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) return;
        String problem = refusal(header);
        if (problem != null) throw new ProblemException(Problem.of(415, problem).withField("Content-Type"));
    }

    /** Why this Content-Type is refused, or null when it is JSON in UTF-8 (or JSON with no charset). */
    static String refusal(String header) {
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return "the admin API takes application/json, not " + clip(type);
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).strip().equalsIgnoreCase("charset")) continue;
            String charset = param.substring(eq + 1).strip();
            if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                charset = charset.substring(1, charset.length() - 1);
            }
            if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                return "the admin API reads JSON in UTF-8 only, not charset " + clip(charset);
            }
        }
        return null;
    }

    private static String clip(String s) {
        String clipped = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return "'" + clipped.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
