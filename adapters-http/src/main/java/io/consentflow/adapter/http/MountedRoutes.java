package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.BoundedBody;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsExceptionHandler;
import io.javalin.websocket.WsHandlerType;

import java.util.function.Consumer;

/**
 * Our routes on a host's app, under a prefix, each carrying with it what the service's own server sets for the
 * whole app: our body limit, the API-key and Content-Type checks of {@code /api/*}, our problem bodies for every
 * failure, and the request's timing. Nothing is added for the app (no exception handler, no before handler, no
 * setting), so the host's routes keep their mapper, limit, error handling and auth, and ours keep ours.
 */
final class MountedRoutes implements JavalinDefaultRoutingApi {
    private final JavalinDefaultRoutingApi app;
    private final String prefix;
    private final long maxBodyBytes;
    private final ApiKeyAuth apiKey;
    private final AdminContentType contentType;
    private final ErrorHandlers errors;
    private final RequestObserver observer;

    MountedRoutes(JavalinDefaultRoutingApi app, String prefix, long maxBodyBytes, ApiKeyAuth apiKey,
                  AdminContentType contentType, ErrorHandlers errors, RequestObserver observer) {
        this.app = app;
        this.prefix = prefix;
        this.maxBodyBytes = maxBodyBytes;
        this.apiKey = apiKey;
        this.contentType = contentType;
        this.errors = errors;
        this.observer = observer;
    }

    /**
     * A prefix of the host's choice: empty (our paths as the service has them) or {@code /a/b} without a trailing
     * slash, without path parameters or wildcards (they would capture our paths' segments).
     */
    static String prefix(String prefix) {
        if (prefix == null) throw new IllegalArgumentException("prefix must not be null (use \"\" for none)");
        if (prefix.isEmpty()) return prefix;
        if (!prefix.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("prefix must look like /consentflow (segments of letters, digits, "
                    + "'.', '_', '~' or '-', no trailing slash), got '" + prefix + "'");
        }
        return prefix;
    }

    @Override
    public JavalinDefaultRoutingApi addEndpoint(Endpoint endpoint) {
        if (!endpoint.method.isHttpMethod()) {
            throw new UnsupportedOperationException("mounted routes add no " + endpoint.method + " handler: it would"
                    + " run for the host's requests too");
        }
        boolean api = endpoint.path.startsWith("/api/");
        Handler ours = endpoint.handler;
        app.addEndpoint(new Endpoint(endpoint.method, prefix + endpoint.path, ctx -> handle(ctx, api, ours)));
        return this;
    }

    private void handle(Context ctx, boolean api, Handler handler) {
        long start = System.nanoTime();
        ctx.attribute(BoundedBody.LIMIT, maxBodyBytes);
        try {
            if (api) {
                apiKey.check(ctx);
                contentType.check(ctx);
            }
            handler.handle(ctx);
        } catch (Exception e) {
            errors.handle(e, ctx);
        } finally {
            observer.finished(ctx, System.nanoTime() - start);
        }
    }

    @Override
    public <E extends Exception> JavalinDefaultRoutingApi exception(Class<E> type, ExceptionHandler<? super E> h) {
        throw hostWide("an exception handler");
    }

    @Override
    public JavalinDefaultRoutingApi error(int status, String contentType, Handler handler) {
        throw hostWide("an error handler");
    }

    @Override
    public <E extends Exception> JavalinDefaultRoutingApi wsException(Class<E> type, WsExceptionHandler<? super E> h) {
        throw hostWide("a websocket exception handler");
    }

    @Override
    public JavalinDefaultRoutingApi addWsHandler(WsHandlerType type, String path, Consumer<WsConfig> ws,
                                                 RouteRole... roles) {
        throw hostWide("a websocket handler");
    }

    private static UnsupportedOperationException hostWide(String what) {
        return new UnsupportedOperationException("mounted routes add no " + what + ": it would be the host's app's");
    }
}
