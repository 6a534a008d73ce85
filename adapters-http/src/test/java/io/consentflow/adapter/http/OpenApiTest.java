package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentflow.adapter.http.console.ApiReference;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsExceptionHandler;
import io.javalin.websocket.WsHandlerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /openapi.json} describes every admin and webhook route the adapter registers, and nothing it does not:
 * a route added without its description (or a description left behind) fails here.
 */
class OpenApiTest {
    /** Records what the adapter registers, as a host's app would receive it. */
    static final class Recorder implements JavalinDefaultRoutingApi {
        final List<String> routes = new ArrayList<>();

        @Override
        public JavalinDefaultRoutingApi addEndpoint(Endpoint endpoint) {
            routes.add(endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.path);
            return this;
        }

        @Override
        public <E extends Exception> JavalinDefaultRoutingApi exception(Class<E> type, ExceptionHandler<? super E> h) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JavalinDefaultRoutingApi error(int status, String contentType, Handler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <E extends Exception> JavalinDefaultRoutingApi wsException(Class<E> type, WsExceptionHandler<? super E> h) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JavalinDefaultRoutingApi addWsHandler(WsHandlerType type, String path, Consumer<WsConfig> ws,
                                                     RouteRole... roles) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyAdminAndWebhookRouteIsDescribedAndNothingElse() {
        Recorder recorder = new Recorder();
        new Fakes().adapter(HttpSettings.open()).mount(recorder, "", true, RequestObserver.NONE);
        TreeSet<String> registered = new TreeSet<>();
        for (String route : recorder.routes) {
            String path = route.substring(route.indexOf(' ') + 1);
            if ((path.startsWith("/api/") || path.startsWith("/webhooks/")) && !path.equals(ApiReference.DOCS)) {
                registered.add(route);
            }
        }
        assertTrue(registered.size() >= 18, registered.toString());
        assertEquals(registered, new TreeSet<>(new ApiReference().operations()));
    }

    @Test
    void theSpecIsOpenApi31AndNamesWhereTheRoutesAre() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(new ApiReference().json("/consentflow"));
        assertEquals("3.1.0", spec.get("openapi").asText());
        assertEquals("/consentflow", spec.get("servers").get(0).get("url").asText());
        // every $ref points at a schema that exists
        for (JsonNode ref : spec.findValues("$ref")) {
            String name = ref.asText().replace("#/components/schemas/", "");
            assertTrue(spec.get("components").get("schemas").has(name), ref.asText());
        }
    }
}
