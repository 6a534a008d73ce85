package io.consentflow.application.port;

import java.util.Locale;

/**
 * Text that comes in through an adapter, as every adapter must treat it: the application's stores keep text that
 * has no NUL character ({@code \u0000}, which PostgreSQL cannot store in text or jsonb at all) and no unpaired
 * surrogate ({@code "\ud800"} alone, which would be stored as {@code ?}), so an adapter refuses either naming the
 * field rather than let it fail in the database; and a refusal quotes a caller's field name back so it cannot
 * forge a line or hide in length.
 */
public final class InputText {
    private InputText() {
    }

    /** What keeps {@code text} from being stored as it is ("a NUL character (U+0000)", ...), or null. */
    public static String unstorable(String text) {
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

    /** A field name from the caller as a refusal quotes it: at most 64 characters, control characters escaped. */
    public static String quoted(String name) {
        String clipped = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        StringBuilder out = new StringBuilder("'");
        clipped.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) out.append(String.format("\\u%04x", cp));
            else out.appendCodePoint(cp);
        });
        return out.append('\'').toString();
    }
}
