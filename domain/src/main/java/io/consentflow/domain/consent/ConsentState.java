package io.consentflow.domain.consent;

import java.util.Locale;

public enum ConsentState {
    UNKNOWN, OPTED_IN, OPTED_OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
