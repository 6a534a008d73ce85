package io.consentflow.domain.flow.router;

/**
 * Digits of any script as ASCII digits: people type numbers, dates and times in their own script (Arabic-Indic
 * ٤٢, Devanagari ४२, Bengali ৪২), and the tests read them as 42. {@link Character#digit} knows every decimal digit
 * Unicode has.
 */
final class Digits {
    /** A decimal digit of any script, for patterns that find numbers, dates and times. */
    static final String ANY = "\\p{Nd}";

    private Digits() {
    }

    /** {@code text} with every decimal digit replaced by its ASCII digit; other characters unchanged. */
    static String ascii(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp > '9' && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
                out.append((char) ('0' + Character.digit(cp, 10)));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }
}
