package io.consentflow.domain.flow.router;

import io.consentflow.domain.flow.InvalidFlowException;

import java.math.BigDecimal;
import java.util.List;

/** Maps a case's {@code type} and {@code arguments} (flow-editor names) to its test. */
final class CaseTests {
    private CaseTests() {
    }

    static CaseTest of(String type, List<String> args) {
        if (type == null) throw new InvalidFlowException(null, "case has no type");
        return switch (type) {
            case "has_any_word" -> new WordTest(WordTest.Mode.ANY, arg(type, args, 0));
            case "has_all_words" -> new WordTest(WordTest.Mode.ALL, arg(type, args, 0));
            case "has_phrase" -> new WordTest(WordTest.Mode.PHRASE, arg(type, args, 0));
            case "has_only_phrase" -> new WordTest(WordTest.Mode.ONLY_PHRASE, arg(type, args, 0));
            case "has_only_text" -> new TextTest(TextTest.Mode.ONLY_TEXT, arg(type, args, 0));
            case "has_beginning" -> new TextTest(TextTest.Mode.BEGINNING, arg(type, args, 0));
            case "has_text" -> new TextTest(TextTest.Mode.ANY_TEXT, "");
            case "has_email" -> new TextTest(TextTest.Mode.EMAIL, "");
            case "has_phone" -> new TextTest(TextTest.Mode.PHONE, "");
            case "has_number" -> new NumberTest(NumberTest.Mode.ANY, null, null);
            case "has_number_eq" -> new NumberTest(NumberTest.Mode.EQ, number(type, args, 0), null);
            case "has_number_lt" -> new NumberTest(NumberTest.Mode.LT, number(type, args, 0), null);
            case "has_number_lte" -> new NumberTest(NumberTest.Mode.LTE, number(type, args, 0), null);
            case "has_number_gt" -> new NumberTest(NumberTest.Mode.GT, number(type, args, 0), null);
            case "has_number_gte" -> new NumberTest(NumberTest.Mode.GTE, number(type, args, 0), null);
            case "has_number_between" -> new NumberTest(NumberTest.Mode.BETWEEN, number(type, args, 0),
                    number(type, args, 1));
            case "has_pattern" -> PatternTest.of(arg(type, args, 0));
            default -> throw new InvalidFlowException(null, "unknown case type '" + type + "'");
        };
    }

    private static String arg(String type, List<String> args, int i) {
        if (args.size() <= i || args.get(i) == null) {
            throw new InvalidFlowException(null, type + " needs argument " + (i + 1));
        }
        return args.get(i);
    }

    private static BigDecimal number(String type, List<String> args, int i) {
        String a = arg(type, args, i).strip();
        return NumberTest.firstNumber(a).orElseThrow(() ->
                new InvalidFlowException(null, type + " argument " + (i + 1) + " is not a number: '" + a + "'"));
    }
}
