package io.consentflow.domain.contact;

import java.util.regex.Pattern;

/** A WhatsApp number in E.164 digits without the leading {@code +} (e.g. {@code 919917443994}). */
public record Phone(String digits) {
    private static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{6,14}");
    /**
     * Country code 999, which E.164 keeps in reserve and no telephone has: the numbers of test contacts, such as
     * the console's simulator. Nothing addressed to them ever leaves for a provider.
     */
    public static final String TEST_PREFIX = "999";

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

    /** A test contact's number (see {@link #TEST_PREFIX}): its replies are stored and shown, never delivered. */
    public boolean test() {
        return digits.startsWith(TEST_PREFIX);
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
