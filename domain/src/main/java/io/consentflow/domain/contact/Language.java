package io.consentflow.domain.contact;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A language as the flows know it, by its ISO 639-3 code ({@code hin}, {@code eng}), the form goflow stores on a
 * contact and renders as {@code @contact.language}. Flows name languages every way editors write them: ISO 639-1
 * or 639-3 codes, locale tags ({@code en_US}, as Glific writes), English names and each language's own name
 * ({@code hi}, {@code hin}, {@code hindi}, {@code हिंदी}). The names come from the JDK's locale data, so every
 * language it knows is known here without a list of our own.
 */
public record Language(String code) {
    private static final Pattern CODE = Pattern.compile("[a-z]{3}");
    /** A locale tag: a 2 or 3 letter language, then region, script or variant parts after {@code -} or {@code _}. */
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}([-_][a-z0-9]{1,8})*");
    /** Every ISO 639-1 and 639-3 code the JDK knows, to the 639-3 code. */
    private static final Map<String, String> CODES = codes();

    public static final Language ENGLISH = new Language("eng");

    public Language {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) throw new IllegalArgumentException("not an ISO 639-3 code: " + code);
    }

    /** The language {@code text} names, or empty when it names none the JDK knows. */
    public static Optional<Language> find(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String folded = fold(text);
        String code = CODES.get(folded);
        if (code == null && TAG.matcher(folded).matches()) code = CODES.get(folded.split("[-_]")[0]);
        if (code == null) code = Names.BY_NAME.get(folded);
        return Optional.ofNullable(code).map(Language::new);
    }

    /** The ISO 639-1 code ({@code hi}), as WhatsApp names template languages; the 639-3 code when there is none. */
    public String twoLetterCode() {
        for (Map.Entry<String, String> e : CODES.entrySet()) {
            if (e.getKey().length() == 2 && e.getValue().equals(code)) return e.getKey();
        }
        return code;
    }

    /** Whether {@code key} (a localization's language key, {@code hi} or {@code hin}) names this language. */
    public boolean isNamedBy(String key) {
        return find(key).map(this::equals).orElse(false);
    }

    @Override
    public String toString() {
        return code;
    }

    private static Map<String, String> codes() {
        Map<String, String> byCode = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            Locale l = new Locale(two);
            String three = iso3(l);
            if (three.isEmpty()) continue;
            byCode.put(two, three);
            byCode.put(three, three);
        }
        for (Locale l : Locale.getAvailableLocales()) {
            String lang = l.getLanguage();
            if (lang.length() == 3) byCode.putIfAbsent(lang, lang); // languages without a 639-1 code (kok, mai)
        }
        return Map.copyOf(byCode);
    }

    /**
     * Every language's English and own name, folded, to its 639-3 code. Reading them loads the JDK's locale data
     * for every language (most of a second), so it happens once, on the first name looked up: codes never wait.
     */
    private static final class Names {
        static final Map<String, String> BY_NAME = names();

        private static Map<String, String> names() {
            Map<String, String> byName = new HashMap<>();
            for (Map.Entry<String, String> e : CODES.entrySet()) {
                Locale l = new Locale(e.getKey());
                String english = l.getDisplayLanguage(Locale.ENGLISH);
                String own = l.getDisplayLanguage(l);
                // the JDK answers the code itself for a language it has no name for
                if (!english.equalsIgnoreCase(e.getKey())) byName.putIfAbsent(fold(english), e.getValue());
                if (!own.equalsIgnoreCase(e.getKey())) byName.putIfAbsent(fold(own), e.getValue());
            }
            return Map.copyOf(byName);
        }
    }

    private static String iso3(Locale l) {
        try {
            return l.getISO3Language();
        } catch (MissingResourceException e) {
            return "";
        }
    }

    /**
     * The form names are compared in: trimmed, lower-cased, composed, and in the Indic scripts a nasal consonant
     * with a virama before another consonant written as the anusvara, the two spellings readers treat as one
     * ({@code हिन्दी}, as the JDK spells Hindi, and {@code हिंदी}, as most people type it). The nine Indic blocks
     * share one layout (from Devanagari at U+0900 to Malayalam at U+0D00, 128 code points each), so one rule covers
     * them all.
     */
    static String fold(String text) {
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i + 2 < s.length() && c >= 0x0900 && c < 0x0D80) {
                int block = c & ~0x7F;
                int offset = c - block;
                boolean nasal = offset == 0x19 || offset == 0x1E || offset == 0x23 || offset == 0x28 || offset == 0x2E;
                char next = s.charAt(i + 1);
                char after = s.charAt(i + 2);
                if (nasal && next == block + 0x4D && isConsonant(after, block)) {
                    out.append((char) (block + 0x02));
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isConsonant(char c, int block) {
        int offset = c - block;
        return offset >= 0x15 && offset <= 0x39;
    }
}
