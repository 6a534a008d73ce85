package io.consentflow.adapter.http.support;

import java.util.Locale;

/**
 * Text PostgreSQL can store as it is: a NUL character ({@code \u0000}) cannot be stored in a text or jsonb column
 * at all, and an unpaired surrogate ({@code "\ud800"} alone) would be stored as {@code ?}. Either is refused as a
 * 400 naming the field, never passed on to fail in the database.
 */
public final class StorableText {
    private StorableText() {
    }

    /** {@code text} unchanged when it can be stored as it is; else a 400 naming {@code field}. */
    public static String require(String field, String text) {
        String problem = problem(text);
        if (problem != null) throw ProblemException.badRequest(field, field + " must not contain " + problem);
        return text;
    }

    /** What makes {@code text} unstorable ("a NUL character (U+0000)", "an unpaired surrogate ..."), or null. */
    public static String problem(String text) {
        if (text == null) return null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return "a NUL character (U+0000)";
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
        }
        return null;
    }
}
