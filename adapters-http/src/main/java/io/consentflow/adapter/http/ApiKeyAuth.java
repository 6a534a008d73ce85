package io.consentflow.adapter.http;

import io.consentflow.adapter.http.console.ApiReference;
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

    void check(Context ctx) {
        if (apiKey == null) return;
        // the rendered reference describes the API and opens nothing; a browser cannot send a bearer token
        if (ctx.method() == io.javalin.http.HandlerType.GET && ctx.path().endsWith(ApiReference.DOCS)) return;
        if (!Secrets.matches(apiKey, bearer(ctx))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ProblemException.unauthorized("missing or wrong API key (Authorization: Bearer ...)");
        }
    }

    /** Open when no token is set; else the bearer token must be one of those set. */
    static void requireAny(Context ctx, String... accepted) {
        boolean anySet = false;
        String given = bearer(ctx);
        for (String token : accepted) {
            if (token == null || token.isBlank()) continue;
            anySet = true;
            if (Secrets.matches(token, given)) return;
        }
        if (!anySet) return;
        ctx.header("WWW-Authenticate", "Bearer");
        throw ProblemException.unauthorized("missing or wrong token (Authorization: Bearer ...)");
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
    }
}
