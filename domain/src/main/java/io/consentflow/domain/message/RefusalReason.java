package io.consentflow.domain.message;

import java.util.Locale;
import java.util.Optional;

/** Why the send policy refused a message; stored and reported by its {@link #code()}. */
public enum RefusalReason {
    CONTACT_BLOCKED, CONTACT_OPTED_OUT, CONTACT_INVALID, SESSION_WINDOW_CLOSED, NOT_OPTED_IN,
    /** A marketing template to a contact who stopped marketing messages (WhatsApp's own switch). */
    MARKETING_OPTED_OUT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RefusalReason> fromCode(String code) {
        for (RefusalReason r : values()) {
            if (r.code().equals(code)) return Optional.of(r);
        }
        return Optional.empty();
    }
}
