package io.consentflow.domain.flow.router;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests on the first number in the text ("I am 25 years" has 25), its digits in any script ("٢٥" and "२५" are 25
 * too, as goflow reads Arabic-Indic digits).
 */
public record NumberTest(Mode mode, BigDecimal a, BigDecimal b) implements CaseTest {
    /** Each mode and how many numbers it compares with ({@code a}, then {@code b}). */
    public enum Mode {
        ANY(0), EQ(1), LT(1), LTE(1), GT(1), GTE(1), BETWEEN(2);

        private final int numbers;

        Mode(int numbers) {
            this.numbers = numbers;
        }

        public int numbers() {
            return numbers;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?" + Digits.ANY + "+(?:[.,]" + Digits.ANY + "+)?");
    /** Bigger inputs are not numbers a person types; refusing them keeps BigDecimal cheap. */
    private static final int MAX_DIGITS = 64;

    @Override
    public Optional<String> match(CaseInput input) {
        String operand = input.text();
        return firstNumber(operand).filter(this::accepts).map(BigDecimal::toPlainString);
    }

    private boolean accepts(BigDecimal n) {
        return switch (mode) {
            case ANY -> true;
            case EQ -> n.compareTo(a) == 0;
            case LT -> n.compareTo(a) < 0;
            case LTE -> n.compareTo(a) <= 0;
            case GT -> n.compareTo(a) > 0;
            case GTE -> n.compareTo(a) >= 0;
            case BETWEEN -> n.compareTo(a) >= 0 && n.compareTo(b) <= 0;
        };
    }

    /**
     * The first number in {@code text}, as a person types it ({@code 1,5} is 1.5, {@code ٤٢} is 42); a case's
     * arguments read so too.
     */
    public static Optional<BigDecimal> firstNumber(String text) {
        if (text == null) return Optional.empty();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String s = Digits.ascii(m.group()).replace(',', '.');
            if (s.length() > MAX_DIGITS) continue;
            return Optional.of(new BigDecimal(s));
        }
        return Optional.empty();
    }
}
