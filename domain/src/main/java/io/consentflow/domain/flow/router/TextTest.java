package io.consentflow.domain.flow.router;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests on the text as a whole: exactly, its beginning, any text, an e-mail or a phone number inside it. */
public record TextTest(Mode mode, String argument) implements CaseTest {
    /** Each mode, and whether it compares with an argument (the text); the others ignore it. */
    public enum Mode {
        ONLY_TEXT(true), BEGINNING(true), ANY_TEXT(false), EMAIL(false), PHONE(false);

        private final boolean takesText;

        Mode(boolean takesText) {
            this.takesText = takesText;
        }

        public boolean takesText() {
            return takesText;
        }
    }

    /**
     * goflow's rule: local part and domain labels begin with a letter or digit of any script, so internationalised
     * domains ({@code राम@डाकघर.भारत}) are addresses; combining marks count as part of a label, which Indic
     * scripts need for their vowel signs.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._+$~-]*@[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_-]*"
                    + "(?:\\.[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_-]*)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s().-]{5,18}\\d");

    @Override
    public Optional<String> match(CaseInput input) {
        String operand = input.text();
        String text = operand == null ? "" : operand.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case ONLY_TEXT -> lower.equals(argument.strip().toLowerCase(Locale.ROOT)) ? Optional.of(text) : Optional.empty();
            case BEGINNING -> {
                String a = argument.strip().toLowerCase(Locale.ROOT);
                yield !a.isEmpty() && lower.startsWith(a) ? Optional.of(text.substring(0, a.length())) : Optional.empty();
            }
            case ANY_TEXT -> text.isEmpty() ? Optional.empty() : Optional.of(text);
            case EMAIL -> find(EMAIL, text);
            case PHONE -> find(PHONE, text).map(p -> p.replaceAll("[^\\d+]", "")).filter(p -> {
                int digits = p.replace("+", "").length();
                return digits >= 7 && digits <= 15;
            });
        };
    }

    private static Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
