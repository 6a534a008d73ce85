package io.consentflow.domain.consent;

import java.util.Locale;

/**
 * What a consent change is about. {@link #ALL} is the contact's consent to be messaged at all; {@link #MARKETING}
 * is WhatsApp's own switch for marketing templates (Meta's "stop"/"resume" of marketing messages), which narrows
 * what an opted-in contact receives and never widens it.
 */
public enum ConsentTopic {
    ALL, MARKETING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentTopic fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
