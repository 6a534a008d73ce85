package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.NumberTest;
import io.consentflow.domain.flow.router.PatternTest;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.router.WordTest;

import java.math.BigDecimal;
import java.util.List;

/**
 * A router case's {@code type} (the flow editor's name, {@code has_any_word}) and {@code arguments} as the domain's
 * typed test. The names are the format's; how each test matches is the domain's. Refusals name the rule, not the
 * place: {@link RouterReader} adds where the case is.
 */
final class CaseTypes {
    private CaseTypes() {
    }

    static CaseTest of(String type, List<String> arguments) {
        if (type == null) throw new InvalidFlowException(null, "case has no type");
        List<String> args = arguments == null ? List.of() : arguments;
        return switch (type) {
            case "has_any_word" -> words(WordTest.Mode.ANY, type, args);
            case "has_all_words" -> words(WordTest.Mode.ALL, type, args);
            case "has_phrase" -> words(WordTest.Mode.PHRASE, type, args);
            case "has_only_phrase" -> words(WordTest.Mode.ONLY_PHRASE, type, args);
            case "has_only_text" -> text(TextTest.Mode.ONLY_TEXT, type, args);
            case "has_beginning" -> text(TextTest.Mode.BEGINNING, type, args);
            case "has_text" -> text(TextTest.Mode.ANY_TEXT, type, args);
            case "has_email" -> text(TextTest.Mode.EMAIL, type, args);
            case "has_phone" -> text(TextTest.Mode.PHONE, type, args);
            case "has_number" -> number(NumberTest.Mode.ANY, type, args);
            case "has_number_eq" -> number(NumberTest.Mode.EQ, type, args);
            case "has_number_lt" -> number(NumberTest.Mode.LT, type, args);
            case "has_number_lte" -> number(NumberTest.Mode.LTE, type, args);
            case "has_number_gt" -> number(NumberTest.Mode.GT, type, args);
            case "has_number_gte" -> number(NumberTest.Mode.GTE, type, args);
            case "has_number_between" -> number(NumberTest.Mode.BETWEEN, type, args);
            case "has_pattern" -> PatternTest.of(arg(type, args, 0));
            default -> throw new InvalidFlowException(null, "unknown case type '" + type + "'");
        };
    }

    /** Every word test takes one argument: the words. */
    private static CaseTest words(WordTest.Mode mode, String type, List<String> args) {
        return new WordTest(mode, arg(type, args, 0));
    }

    private static CaseTest text(TextTest.Mode mode, String type, List<String> args) {
        return new TextTest(mode, mode.takesText() ? arg(type, args, 0) : "");
    }

    private static CaseTest number(NumberTest.Mode mode, String type, List<String> args) {
        return new NumberTest(mode, mode.numbers() > 0 ? number(type, args, 0) : null,
                mode.numbers() > 1 ? number(type, args, 1) : null);
    }

    /** Argument {@code i} (from 0) of a case of {@code type}; refused when missing. */
    private static String arg(String type, List<String> args, int i) {
        if (args.size() <= i || args.get(i) == null) {
            throw new InvalidFlowException(null, type + " needs argument " + (i + 1));
        }
        return args.get(i);
    }

    /** Argument {@code i} read as a number, the way the test reads its input; refused when it is none. */
    private static BigDecimal number(String type, List<String> args, int i) {
        String a = arg(type, args, i).strip();
        return NumberTest.firstNumber(a).orElseThrow(() ->
                new InvalidFlowException(null, type + " argument " + (i + 1) + " is not a number: '" + a + "'"));
    }
}
