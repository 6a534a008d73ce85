package io.consentflow.domain.flow.router;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests on the text as a whole: exactly, its beginning, any text, an e-mail or a phone number inside it. */
public record TextTest(Mode mode, String argument) implements CaseTest {
    /** Each mode with its case type's name in the flow editor and whether it takes an argument (the text). */
    public enum Mode {
        ONLY_TEXT("has_only_text", true), BEGINNING("has_beginning", true), ANY_TEXT("has_text", false),
        EMAIL("has_email", false), PHONE("has_phone", false);

        private final String type;
        private final boolean takesText;

        Mode(String type, boolean takesText) {
            this.type = type;
            this.takesText = takesText;
        }
    }

    /** The test for a case of {@code type}, when it is one of these. */
    static Optional<CaseTest> named(String type, List<String> args) {
        for (Mode m : Mode.values()) {
            if (m.type.equals(type)) {
                return Optional.of(new TextTest(m, m.takesText ? CaseTests.arg(type, args, 0) : ""));
            }
        }
        return Optional.empty();
    }

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
