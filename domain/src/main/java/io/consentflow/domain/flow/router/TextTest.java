package io.consentflow.domain.flow.router;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests on the text as a whole: exactly, its beginning, any text, an e-mail or a phone number inside it. */
public record TextTest(Mode mode, String argument) implements CaseTest {
    public enum Mode { ONLY_TEXT, BEGINNING, ANY_TEXT, EMAIL, PHONE }

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s().-]{5,18}\\d");

    @Override
    public Optional<String> match(String operand) {
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
