package io.consentflow.domain.flow.action;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;

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

    @Override
    public boolean execute(Step step) {
        Contact contact = step.contact();
        String rendered = step.render(value);
        if (consentField()) {
            String flowUuid = step.run().flowUuid();
            switch (rendered.strip().toLowerCase(Locale.ROOT)) {
                case "optin" -> {
                    contact.optIn(ConsentMethod.FLOW, step.evidence(), flowUuid, step.now());
                    // the opt-in is recorded: the opt-in flow's exception has done its job for this run
                    step.run().optinRecorded(step.now());
                }
                case "optout" -> contact.optOut(ConsentMethod.FLOW, step.evidence(), flowUuid, step.now());
                default -> contact.setField(CONSENT_FIELD, rendered); // another preference kept under settings
            }
            return true;
        }
        if (key == null || key.isBlank()) return true; // nothing to set; import should not let this in
        contact.setField(key, rendered);
        return true;
    }
}
