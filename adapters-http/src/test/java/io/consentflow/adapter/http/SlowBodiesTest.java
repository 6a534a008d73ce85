package io.consentflow.adapter.http;

import io.consentflow.domain.message.InboundMessage;
import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow request bodies (announce 200 KB, send a byte now and then) must neither hold request threads nor stay
 * connected: the server here has only 24 threads, fewer than the attackers, as the service under a larger attack
 * has fewer than its attackers (250 connections took it down).
 */
class SlowBodiesTest {
    private static final int ATTACKERS = 80;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Fakes fakes = new Fakes();
    private final List<Socket> sockets = new ArrayList<>();
    private Javalin app;

    private void start(SlowBodyGuard guard) {
        HttpAdapter adapter = fakes.adapter(HttpSettings.open());
        app = Javalin.create(cfg -> {
            cfg.jetty.threadPool = new QueuedThreadPool(24, 4);
            if (guard == null) adapter.configureServer(cfg);
            else SlowBodyGuard.install(cfg, HttpSettings.DEFAULT_MAX_BODY_BYTES, guard);
            adapter.configure(cfg);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        }
        if (app != null) app.stop();
    }

    /** A connection announcing a 200 KB body to the Meta webhook and sending its first byte. */
    private Socket slowClient() throws IOException {
        Socket s = new Socket("127.0.0.1", app.port());
        s.setSoTimeout(200);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("POST /webhooks/meta HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** One more byte; false once the server has closed the connection. */
    private static boolean trickle(Socket s) {
        try {
            s.getOutputStream().write(' ');
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            try {
                return in.read() != -1 || false;
            } catch (SocketTimeoutException stillOpen) {
                return true;
            }
        } catch (IOException closed) {
            return false;
        }
    }

    private long millis(HttpRequest request, int expectedStatus) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(expectedStatus, r.statusCode(), r::body);
        return ms;
    }

    private HttpRequest health() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
                .timeout(Duration.ofSeconds(3)).build();
    }

    private HttpRequest webhook(int i) {
        String body = "{\"type\":\"message\",\"payload\":{\"id\":\"slow-" + i + "\",\"source\":\"919812345678\","
                + "\"type\":\"text\",\"payload\":{\"text\":\"hi\"}}}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/gupshup"))
                .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void slowBodiesNeitherStarveOtherRequestsNorStayConnected() throws Exception {
        start(null);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) slow.add(slowClient());
        long worst = 0;
        int open = ATTACKERS;
        // about 3 s of attack: a byte from each slow client every 300 ms, health and a webhook in between
        for (int round = 0; round < 10; round++) {
            Thread.sleep(300);
            open = 0;
            for (Socket s : slow) if (!s.isClosed() && trickle(s)) open++;
            worst = Math.max(worst, millis(health(), 200));
            worst = Math.max(worst, millis(webhook(round), 200));
        }
        assertTrue(worst < 1000, "slowest answer during the attack: " + worst + " ms");
        assertEquals(10, fakes.calls(InboundMessage.class).size());
        assertEquals(0, open, "slow connections still open after 3 s");
    }

    @Test
    void atMostMaxWaitingRequestsWaitForTheirBodies() throws Exception {
        SlowBodyGuard guard = new SlowBodyGuard(Duration.ofSeconds(30), 0, 5);
        start(guard);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) slow.add(slowClient());
        Thread.sleep(500);

        int open = 0;
        for (Socket s : slow) if (trickle(s)) open++;
        assertEquals(5, open, "connections kept waiting for their bodies");
        assertTrue(millis(health(), 200) < 1000);
        assertTrue(millis(webhook(1), 200) < 1000);
        for (Socket s : slow) s.close();
    }

    @Test
    void aBodyMustArriveWithinTheBodyTimeout() throws Exception {
        start(new SlowBodyGuard(Duration.ofMillis(700), 0, 100));
        Socket s = slowClient();

        Thread.sleep(1200);

        assertTrue(!trickle(s) || !trickle(s), "a body still arriving after the timeout is dropped");
        assertTrue(millis(webhook(2), 200) < 1000);
    }
}
