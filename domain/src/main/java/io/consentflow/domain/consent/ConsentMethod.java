package io.consentflow.domain.consent;

import java.util.Locale;

/** How a consent change reached us; which webhook, API call or flow action records each: {@code docs/consent.md}. */
public enum ConsentMethod {
    /** A flow's {@code settings = optin/optout} action, triggered by an inbound message. */
    FLOW,
    /** The provider (BSP) told us, e.g. Gupshup's user-event. */
    BSP,
    /** Staff or a system through the admin API. */
    API,
    /** A bulk import. */
    IMPORT,
    /** The provider reported that the number does not exist on WhatsApp. */
    NUMBER_INVALID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentMethod fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
