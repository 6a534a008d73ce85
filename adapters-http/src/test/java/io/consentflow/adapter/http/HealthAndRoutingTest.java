package io.consentflow.adapter.http;

import io.consentflow.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthAndRoutingTest {
    @RegisterExtension
    final TestServer server = TestServer.open();

    @Test
    void healthIsUpWhileTheDatabaseIs() throws Exception {
        TestServer.Reply r = server.get("/health");

        assertEquals(200, r.status());
        assertEquals(MAPPER.readTree("{\"status\":\"up\",\"database\":\"up\"}"), r.json());
    }

    @Test
    void healthIsDownWithout() throws Exception {
        server.fakes.databaseUp = false;

        TestServer.Reply r = server.get("/health");

        assertEquals(503, r.status());
        assertEquals(MAPPER.readTree("{\"status\":\"down\",\"database\":\"down\"}"), r.json());
    }

    @Test
    void healthIsDownWhenTheCheckItselfFails() {
        server.fakes.failWith = new StorageUnavailableException("timeout", null);

        TestServer.Reply r = server.get("/health");

        assertEquals(503, r.status());
        assertEquals("down", r.json().path("database").asText());
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        TestServer.Reply r = server.get("/nowhere");

        assertEquals(404, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals("Not Found", r.json().path("title").asText());
        assertEquals(404, r.json().path("status").asInt());
    }

    @Test
    void aWrongMethodIsA405Problem() {
        TestServer.Reply r = server.method("DELETE", "/webhooks/gupshup");

        assertEquals(405, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals("Method Not Allowed", r.json().path("title").asText());
    }
}
