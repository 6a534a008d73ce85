package io.consentflow.adapter.http.support;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body with a limit of its own (Javalin's {@code maxRequestSize} is one limit for all routes). */
public final class BoundedBody {
    /**
     * The request attribute our mounted routes set: their body limit, whatever limit the host's app has for its
     * own routes. Without it (the service's own server) the app's {@code maxRequestSize}, which is ours, applies.
     */
    public static final String LIMIT = "consentflow.maxBodyBytes";

    private BoundedBody() {
    }

    /** The body under our limit (see {@link #LIMIT}); 413 when it is longer. */
    public static byte[] read(Context ctx) {
        Long limit = ctx.attribute(LIMIT);
        return limit == null ? ctx.bodyAsBytes() : read(ctx, limit);
    }

    /** @throws ProblemException 413 when the body is longer than {@code limit} bytes */
    public static byte[] read(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        try {
            InputStream in = ctx.req().getInputStream();
            if (declared > limit) {
                drain(in);
                throw tooLarge(limit);
            }
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                drain(in);
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what is left of a refused body, up to {@link #DRAIN_CAP}: a server that answers while the client is
     * still sending closes the connection under it, and the client then sees a reset instead of our 413 (on a
     * host's server, which has no SlowBodyGuard reading bodies first). Past the cap the connection may close: a
     * client sending that much past our limit gets no courtesy.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = DRAIN_CAP;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) left -= n;
    }

    private static final long DRAIN_CAP = 4L * 1024 * 1024;

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(413, "the request body is larger than " + limit + " bytes"));
    }
}
