package io.consentflow.domain.flow.router;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests on the first number in the text ("I am 25 years" has 25). */
public record NumberTest(Mode mode, BigDecimal a, BigDecimal b) implements CaseTest {
    /** Each mode with its case type's name in the flow editor and how many numbers it takes. */
    public enum Mode {
        ANY("has_number", 0), EQ("has_number_eq", 1), LT("has_number_lt", 1), LTE("has_number_lte", 1),
        GT("has_number_gt", 1), GTE("has_number_gte", 1), BETWEEN("has_number_between", 2);

        private final String type;
        private final int numbers;

        Mode(String type, int numbers) {
            this.type = type;
            this.numbers = numbers;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)?");
    /** Bigger inputs are not numbers a person types; refusing them keeps BigDecimal cheap. */
    private static final int MAX_DIGITS = 64;

    @Override
    public Optional<String> match(String operand) {
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

    /** The test for a case of {@code type}, when it is one of these. */
    static Optional<CaseTest> named(String type, List<String> args) {
        for (Mode m : Mode.values()) {
            if (m.type.equals(type)) {
                return Optional.of(new NumberTest(m, m.numbers > 0 ? CaseTests.number(type, args, 0) : null,
                        m.numbers > 1 ? CaseTests.number(type, args, 1) : null));
            }
        }
        return Optional.empty();
    }

    static Optional<BigDecimal> firstNumber(String text) {
        if (text == null) return Optional.empty();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String s = m.group().replace(',', '.');
            if (s.length() > MAX_DIGITS) continue;
            return Optional.of(new BigDecimal(s));
        }
        return Optional.empty();
    }
}
