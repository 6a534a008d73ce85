package io.consentflow.domain.template;

import java.util.Locale;
import java.util.Optional;

/**
 * WhatsApp's template categories. Only {@link #MARKETING} answers to the contact's marketing-messages switch: a
 * contact who stopped marketing messages still gets utility (an appointment reminder) and authentication (a code)
 * templates, if opted in.
 */
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TemplateCategory> fromWire(String s) {
        for (TemplateCategory c : values()) {
            if (c.wire().equals(s)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
