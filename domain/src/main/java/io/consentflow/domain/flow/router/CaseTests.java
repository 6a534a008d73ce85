package io.consentflow.domain.flow.router;

import io.consentflow.domain.flow.InvalidFlowException;

import java.math.BigDecimal;
import java.util.List;

/**
 * Finds the test for a case's {@code type} (flow-editor names): each family of tests names its own types, so a
 * new type is one constant in its family, next to how it matches.
 */
final class CaseTests {
    private CaseTests() {
    }

    static CaseTest of(String type, List<String> args) {
        if (type == null) throw new InvalidFlowException(null, "case has no type");
        return WordTest.named(type, args)
                .or(() -> TextTest.named(type, args))
                .or(() -> NumberTest.named(type, args))
                .or(() -> PatternTest.named(type, args))
                .orElseThrow(() -> new InvalidFlowException(null, "unknown case type '" + type + "'"));
    }

    /** Argument {@code i} (from 0) of a case of {@code type}; refused when missing. */
    static String arg(String type, List<String> args, int i) {
        if (args.size() <= i || args.get(i) == null) {
            throw new InvalidFlowException(null, type + " needs argument " + (i + 1));
        }
        return args.get(i);
    }

    /** Argument {@code i} read as a number; refused when it is none. */
    static BigDecimal number(String type, List<String> args, int i) {
        String a = arg(type, args, i).strip();
        return NumberTest.firstNumber(a).orElseThrow(() ->
                new InvalidFlowException(null, type + " argument " + (i + 1) + " is not a number: '" + a + "'"));
    }
}
