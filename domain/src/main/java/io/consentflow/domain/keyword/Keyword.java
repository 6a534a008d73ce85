package io.consentflow.domain.keyword;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A trigger keyword in normalised form. An incoming text and a keyword are compared after the same
 * normalisation: Unicode NFKC, every punctuation, symbol (emoji included), separator and control character
 * removed, lower-cased without locale. {@code "Opt-Out!"}, {@code " STOP "} and {@code "opt out"} become
 * {@code optout} and {@code stop}. Matching in words: {@code docs/keywords.md}.
 */
public record Keyword(String value) {
    /** A keyword is a word or two a person types: 64 characters once normalised. */
    public static final int MAX_LENGTH = 64;
    /** As typed (spaces, punctuation and emoji included, which normalising removes): four times that. */
    public static final int MAX_RAW_LENGTH = 4 * MAX_LENGTH;

    public Keyword {
        if (value == null || value.isEmpty() || !normalize(value).equals(value)) {
            throw new IllegalArgumentException("not a normalised keyword: " + value);
        }
        // the length is checked where keywords come in (of): keywords stored before the bound must still load
    }

    /**
     * Normalises a keyword as typed by staff; refuses one that normalises to nothing or is too long (checked on
     * the raw text first, so a 100,000-character "keyword" is not normalised at all).
     */
    public static Keyword of(String raw) {
        if (raw != null && raw.length() > MAX_RAW_LENGTH) throw new KeywordTooLongException(raw);
        String n = normalize(raw);
        if (n.isEmpty()) throw new EmptyKeywordException(raw);
        if (n.length() > MAX_LENGTH) throw new KeywordTooLongException(raw);
        return new Keyword(n);
    }

    /**
     * Idempotent: {@code normalize(normalize(t)).equals(normalize(t))}. One pass is not: removing a symbol or a
     * format character between two combining marks leaves them adjacent, and NFKC then reorders them canonically
     * ({@code "\u0305\u2675\u0333"} gives {@code "\u0305\u0333"}, whose NFKC is {@code "\u0333\u0305"}), so the
     * pass is repeated until nothing changes (twice in practice; bounded).
     */
    public static String normalize(String text) {
        if (text == null) return "";
        String current = text;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            String next = onePass(current);
            if (next.equals(current)) return next;
            current = next;
        }
        return current;
    }

    private static final int MAX_PASSES = 8;

    private static String onePass(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(Keyword::kept).forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean kept(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SPACE_SEPARATOR,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL, Character.FORMAT,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED, Character.ENCLOSING_MARK,
                 Character.NON_SPACING_MARK -> {
                // Emoji modifiers and variation selectors are marks; keycaps are enclosing marks: all go.
                // Non-spacing marks of scripts (Devanagari vowel signs) must stay: handled below.
                return Character.getType(cp) == Character.NON_SPACING_MARK && !isEmojiMark(cp);
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean isEmojiMark(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x20E3;
    }

    @Override
    public String toString() {
        return value;
    }
}
