package io.consentflow.adapter.http.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook calls over real HTTP against a local server: every ending is an outcome, none takes longer than allowed. */
class HttpWebhookCallerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(2_000);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> {
            record(ex);
            answer(ex, 200, "{\"plan\":{\"name\":\"Gold\",\"tags\":[\"a\",\"b\"]},\"count\":3,\"ok\":true,\"none\":null}");
        });
        server.createContext("/down", ex -> answer(ex, 503, "{\"error\":\"down\"}"));
        server.createContext("/html", ex -> answer(ex, 200, "<html>hi</html>"));
        server.createContext("/list", ex -> answer(ex, 200, "[1,2]"));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "{}");
        });
        server.createContext("/slow-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"a\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(6_000);
                out.write("1}".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/huge", ex -> answer(ex, 200, "{\"a\":\"" + "x".repeat(300 * 1024) + "\"}"));
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            answer(ex, 302, "");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void record(HttpExchange ex) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        headers.put(":method", ex.getRequestMethod());
        seen.add(headers);
        bodies.put(ex.getRequestMethod(), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private WebhookOutcome call(String method, String path) {
        return caller(false).call(new WebhookRequest(method, url(path), Map.of("Authorization", "Token s3cret"),
                "{\"name\":\"Asha\"}"), RUN);
    }

    private HttpWebhookCaller caller(boolean denyPrivate) {
        return new HttpWebhookCaller(() -> client, TIMEOUT, new AddressPolicy(denyPrivate));
    }

    private static final UUID RUN = UUID.fromString("0b8f2c1e-3d4a-4b5c-8d6e-7f8091a2b3c4");

    @Test
    void a2xxJsonObjectIsSuccess_withItsFieldsFlattenedAndTheRequestAsRendered() {
        WebhookOutcome o = call("POST", "/ok");
        assertTrue(o.succeeded(), o::toString);
        assertEquals(200, o.status());
        assertEquals("Gold", o.fields().get("plan.name"));
        assertEquals("b", o.fields().get("plan.tags.1"));
        assertEquals("{\"name\":\"Gold\",\"tags\":[\"a\",\"b\"]}", o.fields().get("plan"));
        assertEquals("3", o.fields().get("count"));
        assertEquals("true", o.fields().get("ok"));
        assertEquals("", o.fields().get("none"));
        assertTrue(o.json().startsWith("{\"plan\""));

        Map<String, String> request = seen.get(0);
        assertEquals("POST", request.get(":method"));
        assertEquals("Token s3cret", request.get("authorization"));
        assertEquals("application/json", request.get("content-type"));
        assertEquals(RUN.toString(), request.get("x-consentflow-run"));
        assertEquals("{\"name\":\"Asha\"}", bodies.get("POST"));
    }

    @Test
    void everyMethodGoesAsWritten_aGetWithoutBody() {
        for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
            assertTrue(call(method, "/ok").succeeded(), method);
        }
        assertEquals(List.of("GET", "PUT", "PATCH", "DELETE"), seen.stream().map(h -> h.get(":method")).toList());
        assertEquals("", bodies.get("GET"));
        assertEquals("{\"name\":\"Asha\"}", bodies.get("PATCH"));
    }

    @Test
    void anythingElseIsFailureWithItsStatus() {
        WebhookOutcome down = call("GET", "/down");
        assertFalse(down.succeeded());
        assertEquals(503, down.status());
        assertEquals("503", down.recorded());
        assertNull(down.json());

        assertEquals("not_json", call("GET", "/html").failure());
        assertEquals(200, call("GET", "/html").status());
        assertEquals("not_json", call("GET", "/list").failure(), "Glific's Success needs a JSON object");
        assertEquals(302, call("GET", "/redirect").status(), "a redirect is not followed");
        assertEquals("status", call("GET", "/nowhere").failure());
    }

    @Test
    void aSlowServerIsATimeout_headersOrBody() {
        for (String path : List.of("/slow", "/slow-body")) {
            long start = System.nanoTime();
            WebhookOutcome o = call("GET", path);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("timeout", o.failure(), path);
            assertEquals("timeout", o.recorded());
            assertTrue(tookMs < TIMEOUT.toMillis() + 1_000, path + " took " + tookMs + " ms");
        }
    }

    @Test
    void anAnswerLargerThan256KiBIsFailure() {
        WebhookOutcome o = call("GET", "/huge");
        assertEquals("too_large", o.failure());
        assertEquals(200, o.status());
    }

    @Test
    void metadataAndLinkLocalAddressesAreRefusedBeforeAnyConnection() {
        for (String host : List.of("169.254.169.254", "169.254.1.1", "[fd00:ec2::254]", "[fe80::1]",
                "[::ffff:169.254.169.254]")) {
            WebhookOutcome o = caller(false).call(new WebhookRequest("GET", "http://" + host + "/latest/meta-data/",
                    Map.of(), ""), RUN);
            assertEquals("refused_address", o.failure(), host);
        }
    }

    @Test
    void denyPrivate_refusesLoopbackAndPrivateRanges_elseTheyAreAllowed() {
        assertTrue(caller(false).call(new WebhookRequest("GET", url("/ok"), Map.of(), ""), RUN).succeeded());
        assertEquals("refused_address", caller(true).call(new WebhookRequest("GET", url("/ok"), Map.of(), ""), RUN)
                .failure());
        AddressPolicy deny = new AddressPolicy(true);
        for (String ip : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "::1", "0.0.0.0", "fc00::1",
                "100.64.0.1")) {
            assertTrue(deny.refuses(address(ip)), ip);
        }
        assertFalse(deny.refuses(address("8.8.8.8")));
        assertFalse(deny.refuses(address("2001:4860:4860::8888")));
        assertFalse(new AddressPolicy(false).refuses(address("10.1.2.3")));
    }

    @Test
    void aUrlThatIsNoHttpUrlIsFailure() {
        for (String url : List.of("", "not a url", "ftp://example.org/x", "file:///etc/passwd", "http:///nohost")) {
            assertEquals("bad_url", caller(false).call(new WebhookRequest("GET", url, Map.of(), ""), RUN).failure(),
                    url);
        }
        assertEquals("unreachable", caller(false).call(new WebhookRequest("GET",
                "http://no-such-host.invalid/x", Map.of(), ""), RUN).failure());
    }

    @Test
    void headersHttpCannotCarryAreLeftOut() {
        WebhookOutcome o = caller(false).call(new WebhookRequest("POST", url("/ok"),
                Map.of("Host", "evil.example", "X-Bad", "a\r\nInjected: 1", "X-Consentflow-Run", "forged",
                        "Content-Type", "text/plain"), "hello"), RUN);
        assertTrue(o.succeeded());
        Map<String, String> request = seen.get(0);
        assertFalse(request.containsKey("injected"));
        assertFalse(request.containsKey("x-bad"));
        assertEquals(RUN.toString(), request.get("x-consentflow-run"));
        assertEquals("text/plain", request.get("content-type"));
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
