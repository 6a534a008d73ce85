package io.consentflow.adapter.http;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps clients that send their request body slowly from taking the server down. Javalin reads a body on a
 * request thread, blocking: a few hundred slow connections would hold every thread, and {@code /health} and the
 * webhooks would stop answering. In front of Javalin, on every route:
 * <ul>
 *   <li>the body is read asynchronously before Javalin sees the request (Jetty's {@link EagerContentHandler}),
 *       up to the body limit, so a request waiting for its body holds no thread;</li>
 *   <li>a body must arrive within {@code bodyTimeout} and, after a short grace, at an average of at least
 *       {@code minBytesPerSecond}; a client below either loses its connection;</li>
 *   <li>at most {@code maxWaiting} requests may be waiting for their body at once; one more loses its connection
 *       unless its body completes within 250 ms (a body sent whole, as providers send theirs, never waits and is
 *       not counted).</li>
 * </ul>
 * Server-level: {@link #install(JavalinConfig)} is called where the service's own server is created; an embedding
 * host that mounts {@link HttpAdapter#configure} on its own server keeps its own server settings.
 */
public final class SlowBodyGuard extends Handler.Wrapper {
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Slow mobile networks manage tens of KB/s; a client trickling a byte every few seconds is far below this. */
    public static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024;
    public static final int DEFAULT_MAX_WAITING = 256;
    /** The rate is judged only after this long: a body's first bytes may come after a round trip or two. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a request over the cap may still wait for its body before its connection is closed. */
    private static final long OVER_CAP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Logger log = LoggerFactory.getLogger(SlowBodyGuard.class);

    private final Duration bodyTimeout;
    private final long minBytesPerSecond;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public SlowBodyGuard(Duration bodyTimeout, long minBytesPerSecond, int maxWaiting) {
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) throw new IllegalArgumentException("bodyTimeout");
        if (minBytesPerSecond < 0 || maxWaiting < 1) throw new IllegalArgumentException("minBytesPerSecond/maxWaiting");
        this.bodyTimeout = bodyTimeout;
        this.minBytesPerSecond = minBytesPerSecond;
        this.maxWaiting = maxWaiting;
    }

    /** The defaults, around the handler Javalin installed, reading bodies eagerly up to {@code maxBodyBytes}. */
    public static void install(JavalinConfig cfg, long maxBodyBytes) {
        install(cfg, maxBodyBytes, new SlowBodyGuard(DEFAULT_BODY_TIMEOUT, DEFAULT_MIN_BYTES_PER_SECOND,
                DEFAULT_MAX_WAITING));
    }

    public static void install(JavalinConfig cfg, long maxBodyBytes, SlowBodyGuard guard) {
        cfg.jetty.modifyServer(server -> {
            // bodies larger than the limit are handed on once the limit is reached: Javalin refuses them (413)
            EagerContentHandler eager = new EagerContentHandler(server.getHandler(),
                    new EagerContentHandler.RetainedContentLoaderFactory(maxBodyBytes + 1, -1, false));
            guard.setHandler(eager);
            server.setHandler(guard);
        });
    }

    /** Requests waiting for their body now (for tests and metrics). */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!expectsBody(request)) return super.handle(request, response, callback);
        GuardedRequest guarded = new GuardedRequest(request);
        return super.handle(guarded, response, Callback.from(guarded::done, callback));
    }

    private static boolean expectsBody(Request request) {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Counts the body's bytes as they are read; holds a waiting slot while the body is incomplete. */
    private final class GuardedRequest extends Request.Wrapper {
        private final long started = NanoTime.now();
        private final AtomicBoolean counted = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Scheduler.Task deadline;
        private long bytes;

        GuardedRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null) return null;
            bytes += chunk.remaining();
            if (chunk.isLast()) {
                done();
                return chunk;
            }
            long elapsed = NanoTime.since(started);
            if (minBytesPerSecond > 0 && elapsed > GRACE_NANOS
                    && bytes * 1_000_000_000L / elapsed < minBytesPerSecond) {
                chunk.release();
                drop("its body arrived at less than " + minBytesPerSecond + " bytes/s");
                return Content.Chunk.from(new TimeoutException("request body too slow"), true);
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            // waiting on the network for more of the body: this needs a slot
            // and a deadline, armed only now: a body that came whole with its headers (as providers send theirs)
            // never waits, and costs no scheduled task
            if (!finished.get() && counted.compareAndSet(false, true)) {
                long left = bodyTimeout.toNanos() - NanoTime.since(started);
                deadline = getComponents().getScheduler().schedule(
                        () -> drop("its body did not arrive within " + bodyTimeout.toSeconds() + " s"),
                        Math.max(left, 0), TimeUnit.NANOSECONDS);
                if (waiting.incrementAndGet() > maxWaiting) {
                    // not at once: a client may send its headers and its body in two packets (Java's HttpClient
                    // does), so an honest request can wait for a moment; one still waiting after the grace goes
                    getComponents().getScheduler().schedule(
                            () -> drop("more than " + maxWaiting + " requests are waiting for their bodies"),
                            OVER_CAP_GRACE_NANOS, TimeUnit.NANOSECONDS);
                }
            }
            super.demand(demandCallback);
        }

        /** The body is complete or the request is over: stop watching it. */
        void done() {
            if (!finished.compareAndSet(false, true)) return;
            Scheduler.Task armed = deadline;
            if (armed != null) armed.cancel();
            if (counted.get()) waiting.decrementAndGet();
        }

        private void drop(String why) {
            if (finished.get()) return;
            // not the path: it may hold a phone number
            log.info("connection of a slow {} request closed: {}", getMethod(), why);
            done();
            EndPoint endPoint = getConnectionMetaData().getConnection().getEndPoint();
            endPoint.close(new TimeoutException(why));
        }
    }
}
