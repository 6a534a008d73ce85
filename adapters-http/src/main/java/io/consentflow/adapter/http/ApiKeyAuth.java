package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.Secrets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Every {@code /api/*} request carries {@code Authorization: Bearer <apiKey>} when an API key is set. */
final class ApiKeyAuth {
    private static final String BEARER = "Bearer ";

    private final String apiKey;

    ApiKeyAuth(String apiKey) {
        this.apiKey = apiKey;
    }

    void register(RoutesConfig routes) {
        if (apiKey == null) return;
        routes.before("/api/*", this::check);
    }

    private void check(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        if (!Secrets.matches(apiKey, given)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ProblemException.unauthorized("missing or wrong API key (Authorization: Bearer ...)");
        }
    }
}
