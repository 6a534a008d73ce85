package io.consentflow.domain.broadcast;

import io.consentflow.domain.message.MessageStatus;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of a broadcast's recipients, from counts kept as it goes (never a scan of its recipients). Each
 * recipient is counted once, in the bucket of where its message is now: {@code sent} (accepted by the provider,
 * and what the provider reported since: a message delivered or read is still sent), {@code failed} (the provider
 * refused it, reported it failed later, or its outcome is unknown after a crash), {@code refused} by reason (the
 * send policy when it was to leave), {@code started} (a flow broadcast's runs); the rest are {@code queued}.
 *
 * @param delivered of the sent, those delivered (read ones included)
 * @param read      of the sent, those read
 */
public record BroadcastTally(long recipients, long sent, long delivered, long read, long failed, long started,
                             Map<String, Long> refused) {
    /** The bucket a refusal is counted in: {@code refused:<reason>}. */
    public static final String REFUSED_PREFIX = "refused:";
    /** The bucket of a flow broadcast's recipient whose run started. */
    public static final String STARTED = "started";
    /** The reason of a message whose provider call was in flight when its instance died. */
    public static final String OUTCOME_UNKNOWN = "outcome_unknown";

    public BroadcastTally {
        refused = Collections.unmodifiableMap(new TreeMap<>(refused));
    }

    /**
     * From the counts per bucket: a message's current status ({@link MessageStatus#wire()}: enqueued, sent,
     * delivered, read, failed), {@value #STARTED}, or {@value #REFUSED_PREFIX}{@code <reason>}.
     */
    public static BroadcastTally of(long recipients, Map<String, Long> buckets) {
        long enqueued = 0, sent = 0, delivered = 0, read = 0, failed = 0, started = 0;
        Map<String, Long> refused = new TreeMap<>();
        for (Map.Entry<String, Long> e : buckets.entrySet()) {
            String bucket = e.getKey();
            long n = e.getValue();
            if (n == 0) continue;
            if (bucket.startsWith(REFUSED_PREFIX)) {
                refused.merge(bucket.substring(REFUSED_PREFIX.length()), n, Long::sum);
            } else if (bucket.equals(STARTED)) {
                started += n;
            } else {
                switch (MessageStatus.fromWire(bucket)) {
                    case ENQUEUED -> enqueued += n;
                    case SENT -> sent += n;
                    case DELIVERED -> delivered += n;
                    case READ -> read += n;
                    case FAILED -> failed += n;
                    case RECEIVED, QUEUED, REFUSED -> throw new IllegalArgumentException("not a broadcast bucket: " + bucket);
                }
            }
        }
        return new BroadcastTally(recipients, enqueued + sent + delivered + read, delivered + read, read, failed,
                started, refused);
    }

    public long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Recipients not handled yet: waiting, or with a provider call in flight. */
    public long queued() {
        return Math.max(0, recipients - sent - failed - started - refusedTotal());
    }
}
