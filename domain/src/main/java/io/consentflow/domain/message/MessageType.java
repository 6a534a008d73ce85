package io.consentflow.domain.message;

import java.util.Locale;
import java.util.Optional;

/** Kinds of WhatsApp message we receive or send. */
public enum MessageType {
    TEXT, QUICK_REPLY, BUTTON_REPLY, LIST_REPLY, IMAGE, FILE, AUDIO, VIDEO, STICKER, LOCATION, CONTACTS,
    /** Outbound: quick-reply buttons or a list. */
    INTERACTIVE,
    /** Outbound: a pre-approved template (HSM). */
    TEMPLATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageType> fromWire(String s) {
        if (s == null) return Optional.empty();
        for (MessageType t : values()) {
            if (t.wire().equals(s)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
