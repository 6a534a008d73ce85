package io.consentflow.bootstrap.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real local HTTP server standing in for Gupshup or Meta: records every request and answers as the test says
 * (by default, accepted with a fresh provider id in the provider's own answer shape).
 */
public final class StandInProvider implements AutoCloseable {
    public record Request(String path, Map<String, String> headers, String body, int answeredStatus, String answer) {
        /** The id the stand-in gave the message (Gupshup's messageId or Meta's wamid). */
        public String providerId() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(?:messageId|id)\":\"([^\"]+)\"").matcher(answer);
            return m.find() ? m.group(1) : null;
        }

        /** Gupshup posts a form. */
        public Map<String, String> form() {
            Map<String, String> out = new HashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    public record Answer(int status, String body) {
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;
    private volatile Function<Integer, Answer> answers;

    private StandInProvider(Function<Integer, Answer> answers) {
        this.answers = answers;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            Answer a = this.answers.apply(ids.incrementAndGet());
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, body, a.status(), a.body()));
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public static StandInProvider gupshup() {
        return new StandInProvider(n -> new Answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-" + n + "\"}"));
    }

    public static StandInProvider meta() {
        return new StandInProvider(n -> new Answer(200,
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.T" + n + "\"}]}"));
    }

    /** From now on, answer with {@code answer} (e.g. a 500 to make the service retry). */
    public void answerAlways(Answer answer) {
        this.answers = n -> answer;
    }

    public void acceptAgain() {
        this.answers = n -> new Answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-" + n + "\"}");
    }

    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answeredStatus() / 100 == 2).toList();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
