package io.consentflow.adapter.http;

import io.consentflow.adapter.http.provider.SkippedEvents;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpUseCasesTest {
    /** Null leaves their routes out (the dashboard: the console refuses to go without it). */
    private static final Set<String> OPTIONAL = Set.of("viewTickets", "manageBroadcasts", "resumeFlow",
            "viewDashboard");

    @Test
    void eachRequiredUseCaseLeftOutIsRefusedByNameAndEachOptionalOneMayBe() {
        HttpUseCases all = new Fakes().useCases();
        for (RecordComponent c : HttpUseCases.class.getRecordComponents()) {
            if (OPTIONAL.contains(c.getName())) {
                assertNull(componentOf(without(all, c.getName()), c), c.getName());
            } else {
                InvocationTargetException e = assertThrows(InvocationTargetException.class,
                        () -> construct(argsWithout(all, c.getName())), c.getName());
                assertInstanceOf(NullPointerException.class, e.getCause(), c.getName());
                assertEquals(c.getName(), e.getCause().getMessage());
            }
        }
    }

    @Test
    void aConsoleWithoutTheDashboardIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new HttpAdapter(HttpSettings.open(), new Fakes().useCases(), Clock.systemUTC(),
                        SkippedEvents.NONE, new SecureRandom()));

        assertEquals("viewDashboard", e.getMessage());
    }

    @Test
    void theOptionalUseCasesLeftOutLeaveTheirRoutesOutAndTheOthersServed() throws Exception {
        HttpUseCases some = without(without(without(new Fakes().useCases(), "viewTickets"), "manageBroadcasts"),
                "resumeFlow");
        Javalin app = new HttpAdapter(HttpSettings.open(), some, Clock.systemUTC(), SkippedEvents.NONE, null)
                .create().start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals(404, status(base, "GET", "/api/v1/tickets"));
            assertEquals(404, status(base, "GET", "/api/v1/broadcasts"));
            assertEquals(404, status(base, "POST", "/webhooks/flow-resume"));
            assertEquals(404, status(base, "GET", "/console"));
            assertEquals(200, status(base, "GET", "/api/v1/settings"));
        } finally {
            app.stop();
        }
    }

    private static int status(String base, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A copy of {@code useCases} with {@code component} null; the record's own checks apply. */
    private static HttpUseCases without(HttpUseCases useCases, String component) {
        try {
            return construct(argsWithout(useCases, component));
        } catch (InvocationTargetException e) {
            throw new AssertionError(component + " refused", e.getCause());
        }
    }

    private static Object[] argsWithout(HttpUseCases useCases, String component) {
        return Arrays.stream(HttpUseCases.class.getRecordComponents())
                .map(c -> c.getName().equals(component) ? null : componentOf(useCases, c)).toArray();
    }

    private static HttpUseCases construct(Object[] args) throws InvocationTargetException {
        Class<?>[] types = Arrays.stream(HttpUseCases.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return HttpUseCases.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            if (e instanceof InvocationTargetException thrown) throw thrown;
            throw new AssertionError(e);
        }
    }

    private static Object componentOf(HttpUseCases useCases, RecordComponent c) {
        try {
            return c.getAccessor().invoke(useCases);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
