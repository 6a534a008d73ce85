package io.consentflow.domain.contact;

/** A phone that is not 7 to 15 digits in E.164 form. */
public final class InvalidPhoneException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPhoneException(String value) {
        super("not an E.164 phone number (7 to 15 digits, optional leading +): " + shorten(value));
    }

    private static String shorten(String v) {
        if (v == null) return "null";
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
