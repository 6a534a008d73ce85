package io.consentflow.adapter.http.support;

import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters decoded as UTF-8, whatever the request's Content-Type says. Javalin decodes the query string in
 * the request's character encoding: a {@code Content-Type: application/json; charset=unknown} made every query
 * parameter vanish (a Gupshup token read as missing, import keywords silently dropped).
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** Every value of {@code name}, in order; a value that is not valid %-encoding is a 400 naming it. */
    public static List<String> all(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String key;
            try {
                key = decode(rawKey);
            } catch (IllegalArgumentException e) {
                continue; // not a parameter we know
            }
            if (!key.equals(name)) continue;
            try {
                out.add(decode(rawValue));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(name, name + " is not valid %-encoding");
            }
        }
        return out;
    }

    /** The first value of {@code name}, or null. */
    public static String first(Context ctx, String name) {
        List<String> all = all(ctx, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
