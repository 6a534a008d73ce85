package io.consentflow.domain.flow.run;

import java.util.Locale;

public enum RunStatus {
    /** The contact's current run: waiting for a reply (or about to). At most one per contact. */
    ACTIVE,
    /** A parent waiting for its child run (enter_flow) to end. */
    SUSPENDED,
    COMPLETED,
    /** Another flow was started for the contact. */
    INTERRUPTED,
    /** No reply within the flow's expire_after_minutes. */
    EXPIRED,
    /** A refused send, a missing child flow, or the step limit. */
    FAILED;

    public boolean ended() {
        return this != ACTIVE && this != SUSPENDED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
