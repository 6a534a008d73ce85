package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The adapter on a real Jetty on a free port, with the fakes behind it, and an HTTP client to talk to it. A test
 * class holds one per test as {@code @RegisterExtension final TestServer server = TestServer.open();}: a new
 * instance per test method starts it, and the extension stops it after the test.
 */
final class TestServer implements AutoCloseable, AfterEachCallback {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Fakes fakes = new Fakes();
    private final Javalin app;
    private final String base;

    TestServer(HttpSettings settings) {
        this.app = fakes.adapter(settings).create().start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + app.port();
    }

    static TestServer open() {
        return new TestServer(HttpSettings.open());
    }

    Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Reply post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, byte[] body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply put(String path, String body, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply patch(String path, String body, String... headers) {
        return send(request(path, headers).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    Reply method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    next(r.headers().firstValue("Link").orElse(null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The target of a {@code Link: <target>; rel="next"} header, or null. */
    private static String next(String link) {
        if (link == null || !link.contains("rel=\"next\"")) return null;
        return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    }

    /** A response: status, content type, body (parsed on demand) and the next page's address, if any. */
    record Reply(int status, String contentType, String body, String link) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
