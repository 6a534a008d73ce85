package io.consentflow.adapter.http.webhook;

import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A flow's HTTP webhook call: at most {@code timeout} from the first byte sent to the last byte read (connecting
 * included), at most {@link WebhookAnswers#MAX_BYTES} read, no redirect followed, and never to an address the
 * {@link AddressPolicy} refuses: the host is resolved first and every address it resolves to is checked. (The
 * JDK's client resolves the name again when it connects; a name whose answer changes in between is not caught.)
 * The run's id goes along as {@value #RUN_HEADER}, so a server that answers later can post its result for the run
 * to {@code /webhooks/flow-resume}.
 */
public final class HttpWebhookCaller {
    public static final String RUN_HEADER = "X-Consentflow-Run";
    /** Headers the JDK's client sets itself and refuses from a caller; a flow's value for them is left out. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Supplier<HttpClient> client;
    private final Duration timeout;
    private final AddressPolicy addresses;

    /** @param client built with {@link HttpClient.Redirect#NEVER} (the JDK's default) */
    public HttpWebhookCaller(Supplier<HttpClient> client, Duration timeout, AddressPolicy addresses) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    public WebhookOutcome call(WebhookRequest request, UUID runId) {
        URI uri = uri(request.url());
        if (uri == null) return WebhookOutcome.failed(0, "bad_url");
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (addresses.refuses(a)) return WebhookOutcome.failed(0, "refused_address");
            }
        } catch (UnknownHostException e) {
            return WebhookOutcome.failed(0, "unreachable");
        }
        HttpRequest built;
        try {
            built = build(uri, request, runId);
        } catch (IllegalArgumentException e) {
            return WebhookOutcome.failed(0, "bad_url");
        }
        CompletableFuture<HttpResponse<byte[]>> answer = client.get().sendAsync(built,
                info -> new Bounded(WebhookAnswers.MAX_BYTES, info.statusCode()));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return WebhookAnswers.of(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return WebhookOutcome.failed(0, "timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge tooLarge) return WebhookOutcome.failed(tooLarge.status, "too_large");
            if (cause instanceof HttpTimeoutException) return WebhookOutcome.failed(0, "timeout");
            return WebhookOutcome.failed(0, "unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return WebhookOutcome.failed(0, "timeout");
        }
    }

    /** An absolute http(s) URL with a host, or null. */
    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private HttpRequest build(URI uri, WebhookRequest request, UUID runId) {
        boolean sendsBody = !request.body().isEmpty() && !request.method().equals("GET");
        HttpRequest.BodyPublisher body = sendsBody
                ? HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8)
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).method(request.method(), body);
        boolean contentType = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey().strip();
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase(RUN_HEADER)) continue;
            try {
                b.header(name, h.getValue().strip());
                contentType |= name.equalsIgnoreCase("Content-Type");
            } catch (IllegalArgumentException e) {
                // a header name or value HTTP cannot carry (a line break, a colon in the name): left out
            }
        }
        if (sendsBody && !contentType) b.header("Content-Type", "application/json");
        b.header(RUN_HEADER, runId.toString());
        return b.build();
    }

    /** The answer is larger than what is read. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(int status) {
            super("webhook answer larger than " + WebhookAnswers.MAX_BYTES + " bytes", null);
            this.status = status;
        }
    }

    /** Reads a body up to {@code max} bytes; one byte more cancels the exchange. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final int status;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(int max, int status) {
            this.max = max;
            this.status = status;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) return;
            for (ByteBuffer item : items) {
                if (out.size() + item.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge(status));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
