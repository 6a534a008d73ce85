package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.MediaFlows;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * goflow's expressions through the running service: an imported Glific export renders {@code @(upper(...))},
 * {@code @fields.x} (a field the flow set, and one the contact lacks), {@code @globals.x} set through the settings
 * API, routes on an expression, waits as long as its {@code timeout.expression} says, and a failing expression
 * renders empty, is kept on the run and sends the message anyway.
 */
class ExpressionsEndToEndTest {
    private static final String FLOW = "e7a1b2c3-0000-4d5e-8f90-000000000001";

    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();

    @BeforeAll
    static void importTheFlowAndSetAGlobal() {
        Http.Response imported = http.post("/api/v1/flows/import",
                ServiceFixture.resource("/fixtures/expression-flows.json"));
        assertEquals(201, imported.status(), imported.body());
        Http.Response set = http.send("PATCH", "/api/v1/settings", "{\"globals\":{\"helpline\":\"1800-11-2233\"}}");
        assertEquals(200, set.status(), set.body());
        assertEquals("1800-11-2233", set.json().path("globals").path("helpline").asText());
        assertEquals("1800-11-2233", http.get("/api/v1/settings").json().path("globals").path("helpline").asText());
    }

    private static List<String> outbound(String phone) {
        return MediaFlows.outbound(http, phone).stream().map(m -> m.get("text").asText()).toList();
    }

    @Test
    void anImportedFlowRendersExpressionsFieldsAndGlobalsAndAFailingOneIsKeptOnTheRun() throws Exception {
        String p = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "expr")).status());
        assertEquals(List.of("Hello ASHA! You are 25, next year 26. Call 1800-11-2233.",
                "Broken: [] still sent, adult in Expressions"), outbound(p));
        assertEquals("25", http.get("/api/v1/contacts/" + p).json().path("fields").path("age").asText());

        List<String> run = MediaFlows.run(service, p, FLOW);
        assertEquals("active", run.get(0), "waiting for the answer");
        JsonNode errors = Http.JSON.readTree(run.get(1));
        assertEquals(1, errors.size(), run.get(1));
        assertEquals("expression_failed", errors.get(0).get("code").asText());
        assertEquals("error evaluating @(1 / 0): division by zero", errors.get(0).get("detail").asText());
        assertEquals("e7a1b2c3-1111-4d5e-8f90-000000000001", errors.get(0).get("node_uuid").asText());

        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "i think so"));
        assertEquals("Long: I Think So (true), 10 letters", outbound(p).get(2));
    }

    @Test
    void theWaitLastsAsLongAsItsTimeoutExpressionSays() throws Exception {
        String p = Gupshup.newPhone();
        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "expr"));
        // the contact's age is 25: 25 minutes
        int seconds = service.db().queryInt("SELECT extract(epoch FROM timeout_at - waiting_since)::int FROM runs "
                + "WHERE phone = '" + p + "'");
        assertEquals(25 * 60, seconds);
        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "no"));
        assertEquals("Short: No (false), 2 letters", outbound(p).get(2));
    }

    @Test
    void aGlobalWithABadKeyIsRefusedNamingIt() {
        Http.Response r = http.send("PATCH", "/api/v1/settings", "{\"globals\":{\"Help Line\":\"x\"}}");
        assertEquals(422, r.status(), r.body());
        assertEquals("globals.Help Line", r.json().path("field").asText(), r.body());
        assertEquals("1800-11-2233", http.get("/api/v1/settings").json().path("globals").path("helpline").asText());
    }
}
