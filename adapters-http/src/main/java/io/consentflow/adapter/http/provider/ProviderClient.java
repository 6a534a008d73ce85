package io.consentflow.adapter.http.provider;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The HTTP client of a provider's sender, made on the first call and let go on {@link #close()}. Making it
 * starts a selector thread, so a sender that never sends (the {@code log} provider has no client at all, an
 * engine whose host dispatches nothing) starts none; closing lets that thread end: at once where the JDK can
 * close a client (21 and later), else once the client is no longer referenced and collected.
 */
public final class ProviderClient implements Supplier<HttpClient>, AutoCloseable {
    private final Duration connectTimeout;
    private HttpClient client;
    private boolean closed;

    public ProviderClient(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    @Override
    public synchronized HttpClient get() {
        if (closed) throw new IllegalStateException("the provider client is closed: the engine was closed");
        if (client == null) client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        return client;
    }

    /** Whether a client was made and is still held (for tests of the lifecycle). */
    public synchronized boolean started() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        HttpClient held = client;
        client = null;
        if (held instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the client is let go either way; its thread ends once it is collected
            }
        }
    }
}
