package io.consentflow.domain.contact;

import java.util.regex.Pattern;

/** A WhatsApp number in E.164 digits without the leading {@code +} (e.g. {@code 919917443994}). */
public record Phone(String digits) {
    private static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{6,14}");

    public Phone {
        if (digits == null || !E164_DIGITS.matcher(digits).matches()) {
            throw new InvalidPhoneException(digits);
        }
    }

    /** Accepts the digits with or without one leading {@code +}. */
    public static Phone parse(String text) {
        if (text == null) throw new InvalidPhoneException(null);
        String t = text.strip();
        return new Phone(t.startsWith("+") ? t.substring(1) : t);
    }

    /** For logs: keeps the country part and the last two digits. */
    public String masked() {
        int keep = Math.min(3, digits.length() - 2);
        return digits.substring(0, keep) + "*".repeat(digits.length() - keep - 2) + digits.substring(digits.length() - 2);
    }

    @Override
    public String toString() {
        return digits;
    }
}
