package io.consentflow.domain.broadcast;

import java.util.Locale;

/**
 * Where a broadcast is: waiting for its start ({@code scheduled}), its recipients fixed and being sent
 * ({@code running}), every recipient handled ({@code done}), or stopped ({@code cancelled}). Done and cancelled
 * are final.
 */
public enum BroadcastStatus {
    SCHEDULED, RUNNING, DONE, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BroadcastStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Whether cancelling still changes something (a done or cancelled broadcast stays as it is). */
    public boolean cancellable() {
        return switch (this) {
            case SCHEDULED, RUNNING -> true;
            case DONE, CANCELLED -> false;
        };
    }
}
