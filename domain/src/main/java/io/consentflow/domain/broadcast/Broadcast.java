package io.consentflow.domain.broadcast;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One broadcast: a template or a flow for an audience, from {@code at} on.
 *
 * @param recipients how many recipients were fixed when it started; 0 before
 * @param startedAt  when its recipients were fixed (null while scheduled)
 * @param endedAt    when it was done or cancelled (null before)
 */
public record Broadcast(UUID id, String name, BroadcastContent content, Audience audience, Instant at,
                        BroadcastStatus status, Instant createdAt, Instant startedAt, Instant endedAt,
                        long recipients) {
    public Broadcast {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new broadcast, waiting for {@code at} (which may be now). */
    public static Broadcast scheduled(UUID id, String name, BroadcastContent content, Audience audience, Instant at,
                                      Instant now) {
        return new Broadcast(id, name, content, audience, at, BroadcastStatus.SCHEDULED, now, null, null, 0);
    }

    public boolean flow() {
        return content instanceof BroadcastContent.FlowStart;
    }
}
