package io.consentflow.adapter.http.support;

import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Phone;

/** What a bound body must give beyond its types: a field present and not blank, a phone that is one. */
public final class Required {
    private Required() {
    }

    /** {@code value} when present and not blank; else a 400 naming {@code field}. */
    public static String text(String field, String value) {
        if (value == null) throw ProblemException.badRequest(field, field + " is required");
        if (value.isBlank()) throw ProblemException.badRequest(field, field + " must not be blank");
        return value;
    }

    /** A phone number (E.164 digits, optional {@code +}) that came from {@code field}; 400 naming it when invalid. */
    public static Phone phone(String field, String text) {
        try {
            return Phone.parse(text);
        } catch (InvalidPhoneException e) {
            throw ProblemException.badRequest(field, field + ": " + e.getMessage());
        }
    }
}
