package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows that call webhooks, through the running service: call_webhook against a local HTTP server routes Success
 * (rendering the answer) and Failure, made by the worker after the inbound message's commit; a run paused at
 * wait_for_result goes on when a result is posted to /webhooks/flow-resume; wait_for_time waits, then goes on.
 */
class WebhooksEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();
    static final String PLAN_FLOW = "6d0e1f2a-0000-4b5c-8d9e-0000000000a1";
    static final String BROKEN_FLOW = "6d0e1f2a-0000-4b5c-8d9e-0000000000a2";
    static final String LATE_FLOW = "6d0e1f2a-0000-4b5c-8d9e-0000000000a3";
    /** What the local server was asked, by contact phone: its headers, method and body. */
    static final Map<String, Map<String, String>> asked = new ConcurrentHashMap<>();
    static HttpServer server;

    @BeforeAll
    static void startTheServerAndImport() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/plan", ex -> {
            Map<String, String> request = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> request.put(k.toLowerCase(), String.join(",", v)));
            request.put(":method", ex.getRequestMethod());
            request.put(":body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String phone = ex.getRequestURI().getQuery().replace("phone=", "");
            asked.put(phone, request);
            sleep(1_500); // slower than any webhook answer may be: the provider's callback must not wait for it
            answer(ex, 200, "{\"plan\":{\"name\":\"Gold\",\"minutes\":300},\"ok\":true}");
        });
        server.createContext("/down", ex -> answer(ex, 500, "{\"error\":\"down\"}"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        importFlow(PLAN_FLOW, "plan", "POST", base + "/plan?phone=@contact.phone", 600);
        importFlow(BROKEN_FLOW, "broken", "GET", base + "/down", 600);
        importFlow(LATE_FLOW, "late", "POST", base + "/plan?phone=@contact.phone", 1);
    }

    @AfterAll
    static void stopTheServer() {
        server.stop(0);
    }

    static void importFlow(String uuid, String keyword, String method, String url, int resultDelay) {
        String flow = ServiceFixture.resource("/fixtures/webhook-flow.json").replace("{{FLOW}}", uuid)
                .replace("{{METHOD}}", method).replace("{{URL}}", url)
                .replace("{{RESULT_DELAY}}", Integer.toString(resultDelay));
        Http.Response r = http.post("/api/v1/flows/import?keywords=" + keyword, flow);
        assertEquals(201, r.status(), r.body());
    }

    static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> outbound(String phone) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound")) out.add(m.get("text").asText());
        }
        return out;
    }

    static void awaitOutbound(String phone, List<String> expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> outbound(phone).size() >= expected.size());
        assertEquals(expected, outbound(phone));
    }

    static Http.Response post(String phone, String text) {
        return service.gupshupCallback(Gupshup.text(phone, Gupshup.newId(), text));
    }

    static Http.Response resume(String body) {
        return http.post("/webhooks/flow-resume", body);
    }

    @Test
    void successRendersTheAnswer_aPostedResultResumesOnce_thenWaitForTimeGoesOn() {
        String phone = Gupshup.newPhone();
        long start = System.nanoTime();
        assertEquals(200, post(phone, "plan").status());
        long answeredMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(answeredMs < 1_500, "the provider's callback waited for the webhook: " + answeredMs + " ms");

        awaitOutbound(phone, List.of("Checking your plan", "Your plan: Gold, 300 minutes"));
        Map<String, String> request = asked.get(phone);
        assertEquals("POST", request.get(":method"));
        assertEquals("{\"phone\": \"" + phone + "\", \"name\": \"Asha\"}", request.get(":body"));
        assertEquals("Token", request.get("authorization"), "headers rendered (the contact has no token)");
        String runId = request.get("x-consentflow-run");

        // the run now waits for a result; a message meanwhile is handled as if no run were waiting
        assertEquals(200, post(phone, "hello?").status());
        assertEquals(2, outbound(phone).size());

        assertEquals(404, resume("{\"run_id\":\"" + java.util.UUID.randomUUID() + "\"}").status());
        Http.Response resumed = resume("{\"run_id\":\"" + runId + "\",\"result\":{\"message\":\"yes, booked\"}}");
        assertEquals(200, resumed.status(), resumed.body());
        assertEquals("resumed", resumed.json().get("status").asText());
        Http.Response again = resume("{\"run_id\":\"" + runId + "\",\"result\":{\"message\":\"again\"}}");
        assertEquals(409, again.status(), again.body());
        assertEquals("run_id", again.json().get("field").asText());

        awaitOutbound(phone, List.of("Checking your plan", "Your plan: Gold, 300 minutes", "Confirmed: yes, booked",
                "A second later"));
    }

    @Test
    void aFailingWebhookTakesFailureWithItsStatus() {
        String phone = Gupshup.newPhone();
        assertEquals(200, post(phone, "broken").status());
        awaitOutbound(phone, List.of("Checking your plan", "Lookup failed (500)"));
    }

    @Test
    void aResultThatNeverComesIsFailureOnceItsDelayPassed() {
        String phone = Gupshup.newPhone();
        assertEquals(200, post(phone, "late").status());
        awaitOutbound(phone, List.of("Checking your plan", "Your plan: Gold, 300 minutes", "No confirmation"));
    }

    @Test
    void flowResumeRefusesBadInputNamingTheField() {
        String run = "\"run_id\":\"" + java.util.UUID.randomUUID() + "\"";
        assertProblem(resume("{}"), 400, "run_id");
        assertProblem(resume("{\"run_id\":42}"), 400, "run_id");
        assertProblem(resume("{\"run_id\":\"not-a-run\"}"), 400, "run_id");
        assertProblem(resume("{" + run + ",\"result\":\"yes\"}"), 400, "result");
        assertProblem(resume("{" + run + ",\"results\":{}}"), 400, "results");
        assertProblem(resume("{" + run + ",\"result\":{\"a\":\"x\\u0000y\"}}"), 400, "result.a");
        assertProblem(resume("[1]"), 400, "body");
        assertEquals(401, http.withKey("wrong").post("/webhooks/flow-resume", "{" + run + "}").status());
    }

    static void assertProblem(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(field, r.json().get("field").asText(), r.body());
    }
}
