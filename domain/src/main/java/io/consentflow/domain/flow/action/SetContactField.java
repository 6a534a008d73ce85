package io.consentflow.domain.flow.action;

import java.util.Locale;

/**
 * Sets {@code contact.fields[key]}. The key {@code settings} with value {@code optin}/{@code optout} (any case) is
 * Glific's consent action: it changes consent instead.
 */
public record SetContactField(String uuid, String key, String name, String value) implements Action {
    /** The field key of Glific's consent action (the editor's "Consent status" form writes the same key). */
    public static final String CONSENT_FIELD = "settings";

    public boolean consentField() {
        return key != null && key.strip().equalsIgnoreCase(CONSENT_FIELD);
    }

    /**
     * Whether this is the opt-in action as written in the definition ({@code settings} = {@code optin}, any case):
     * what makes a flow able to be the opt-in flow. A value computed from a template does not count, since what it
     * renders to is not known until it runs.
     */
    public boolean optsIn() {
        return consentField() && value != null && value.strip().toLowerCase(Locale.ROOT).equals("optin");
    }
}
