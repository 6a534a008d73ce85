package io.consentflow.adapter.http;

import io.javalin.http.Context;

/** Told when one of our mounted routes has answered, e.g. to time it by route and status. */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (ctx, nanos) -> { };

    /** @param ctx the answered request ({@code ctx.endpoint().path} is the route, prefix included) */
    void finished(Context ctx, long nanos);
}
