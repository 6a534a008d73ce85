package io.consentflow.domain.message;

import java.util.Locale;

public enum Direction {
    INBOUND, OUTBOUND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
