package io.consentflow.adapter.http.provider;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real local HTTP server standing in for Gupshup or Meta: records every request and answers as the test says.
 * Shared by the sender tests here and the end-to-end tests in bootstrap (through this module's test-jar).
 */
public final class StandInProvider implements AutoCloseable {
    private static final Pattern PROVIDER_ID = Pattern.compile("\"(?:messageId|id)\":\"([^\"]+)\"");

    /** A request as it arrived (header names in lower case) and what the stand-in answered. */
    public record Request(String method, String path, Map<String, String> headers, String body, int answeredStatus,
                          String answer) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The id the stand-in gave the message (Gupshup's messageId or Meta's wamid). */
        public String providerId() {
            Matcher m = PROVIDER_ID.matcher(answer);
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

    /** An answer, sent after {@code delayMillis} (to outlast a client's timeout). */
    public record Answer(int status, String body, long delayMillis) {
        public Answer(int status, String body) {
            this(status, body, 0);
        }
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntFunction<Answer> accepting;
    private final HttpServer server;
    private volatile IntFunction<Answer> answers;

    /** Answers 200 {@code {}} until told otherwise. */
    public StandInProvider() {
        this(n -> new Answer(200, "{}"));
    }

    private StandInProvider(IntFunction<Answer> accepting) {
        this.accepting = accepting;
        this.answers = accepting;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Answer a = answers.apply(count.incrementAndGet());
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                    a.status(), a.body()));
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** Accepts every message as Gupshup does (202 with a fresh messageId). */
    public static StandInProvider gupshup() {
        return new StandInProvider(n -> new Answer(202, "{\"status\":\"submitted\",\"messageId\":\"gs-" + n + "\"}"));
    }

    /** Accepts every message as Meta's Graph API does (200 with a fresh wamid). */
    public static StandInProvider meta() {
        return new StandInProvider(n -> new Answer(200,
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.T" + n + "\"}]}"));
    }

    /** From now on, answer {@code status} with {@code body}. */
    public void answer(int status, String body) {
        answerAlways(new Answer(status, body));
    }

    /** From now on, answer with {@code answer} (e.g. a 500 to make the service retry). */
    public void answerAlways(Answer answer) {
        this.answers = n -> answer;
    }

    /** Accepts as it started to, each answer after {@code delayMillis} (calls are answered one at a time). */
    public void acceptSlowly(long delayMillis) {
        this.answers = n -> {
            Answer a = accepting.apply(n);
            return new Answer(a.status(), a.body(), delayMillis);
        };
    }

    /** Back to the answers this stand-in started with. */
    public void acceptAgain() {
        this.answers = accepting;
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
