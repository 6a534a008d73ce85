package io.consentflow.domain.message;

import java.util.Locale;

/**
 * Lifecycle of a message. Outbound statuses only move forwards ({@link #rank()}); {@code failed} and
 * {@code refused} are final.
 */
public enum MessageStatus {
    /** Inbound: stored. */
    RECEIVED(0),
    /** Outbound: allowed by the send policy, waiting in the outbox. */
    QUEUED(1),
    /** Outbound: the provider accepted it. */
    ENQUEUED(2),
    SENT(3),
    DELIVERED(4),
    READ(5),
    FAILED(6),
    /** Outbound: the send policy refused it; it never reaches a provider. */
    REFUSED(7);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** Whether moving from this status to {@code next} goes forwards. */
    public boolean canMoveTo(MessageStatus next) {
        if (this == FAILED || this == REFUSED || this == READ) return false;
        return next.rank > rank;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
