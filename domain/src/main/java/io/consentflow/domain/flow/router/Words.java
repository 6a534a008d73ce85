package io.consentflow.domain.flow.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case words as RapidPro's router tests do: on whitespace and punctuation, with every
 * emoji (or other symbol) a word of its own, so {@code "ok👍"} is {@code [ok, 👍]}.
 */
final class Words {
    private Words() {
    }

    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) return words;
        StringBuilder word = new StringBuilder();
        text.strip().toLowerCase(Locale.ROOT).codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                if (isEmojiModifier(cp)) return;
                word.appendCodePoint(cp);
            } else if (isEmojiModifier(cp)) {
                // variation selectors, skin tones, joiners, keycaps: part of the symbol before them
            } else if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL
                    || type == Character.CURRENCY_SYMBOL) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                flush(word, words);
            }
        });
        flush(word, words);
        return words;
    }

    private static boolean isEmojiModifier(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x200D || cp == 0x20E3
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
