package io.consentflow.domain.contact;

import java.util.Locale;

/** Whether a contact may be messaged at all. */
public enum ContactStatus {
    /** May be messaged (subject to the send policy). */
    VALID,
    /** Opted out, or the number does not exist on WhatsApp. */
    INVALID,
    /** Blocked by staff: inbound ignored, nothing ever sent, opting in does not unblock. */
    BLOCKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContactStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
