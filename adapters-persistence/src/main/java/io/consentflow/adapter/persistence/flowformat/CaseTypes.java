package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.CategoryTest;
import io.consentflow.domain.flow.router.ChoicesTest;
import io.consentflow.domain.flow.router.DateTest;
import io.consentflow.domain.flow.router.ErrorTest;
import io.consentflow.domain.flow.router.GroupTest;
import io.consentflow.domain.flow.router.InputTypeTest;
import io.consentflow.domain.flow.router.IntentTest;
import io.consentflow.domain.flow.router.NumberTest;
import io.consentflow.domain.flow.router.PatternTest;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.router.TimeTest;
import io.consentflow.domain.flow.router.WordTest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router case's {@code type} (the flow editor's name, {@code has_any_word}) and {@code arguments} as the domain's
 * typed test. The names are the format's; how each test matches is the domain's. Refusals name the rule, not the
 * place: {@link RouterReader} adds where the case is.
 */
final class CaseTypes {
    /** The flow editor's "today + n days": {@code @(datetime_add(today(), n, "D"))}, or today itself. */
    private static final Pattern DAYS_FROM_TODAY = Pattern.compile(
            "@\\(\\s*(?:datetime_add\\(\\s*(?:today|now)\\(\\s*\\)\\s*,\\s*([-+]?\\d+)\\s*,\\s*\"[dD]\"\\s*\\)"
                    + "|(?:today|now)\\(\\s*\\))\\s*\\)");

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
            case "has_text", "has_value" -> text(TextTest.Mode.ANY_TEXT, type, args);
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
            case "has_date" -> new DateTest(DateTest.Mode.ANY, null);
            case "has_date_lt" -> new DateTest(DateTest.Mode.LT, bound(type, args));
            case "has_date_eq" -> new DateTest(DateTest.Mode.EQ, bound(type, args));
            case "has_date_gt" -> new DateTest(DateTest.Mode.GT, bound(type, args));
            case "has_time" -> new TimeTest();
            case "has_multiple" -> choices(type, args);
            case "has_media" -> new InputTypeTest(InputTypeTest.Kind.MEDIA);
            case "has_image" -> new InputTypeTest(InputTypeTest.Kind.IMAGE);
            case "has_audio" -> new InputTypeTest(InputTypeTest.Kind.AUDIO);
            case "has_video" -> new InputTypeTest(InputTypeTest.Kind.VIDEO);
            case "has_file" -> new InputTypeTest(InputTypeTest.Kind.FILE);
            case "has_location" -> new InputTypeTest(InputTypeTest.Kind.LOCATION);
            case "has_group" -> group(type, args);
            case "has_category" -> categories(type, args);
            case "has_error" -> new ErrorTest();
            case "has_intent" -> intent(false, type, args);
            case "has_top_intent" -> intent(true, type, args);
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

    /**
     * The bound of a date comparison: a date ({@code 2017-01-15}, {@code 15-01-2017}: day first, four-digit year)
     * or the flow editor's relative date, {@code @(datetime_add(today(), n, "D"))} (also with {@code now()}, and
     * {@code @(today())} for today itself).
     */
    private static DateTest.Bound bound(String type, List<String> args) {
        String a = arg(type, args, 0).strip();
        Matcher relative = DAYS_FROM_TODAY.matcher(a);
        if (relative.matches()) {
            try {
                return new DateTest.FromToday(relative.group(1) == null ? 0 : Integer.parseInt(relative.group(1)));
            } catch (NumberFormatException e) {
                // too many days to be a date: refused below
            }
        }
        return DateTest.date(a).<DateTest.Bound>map(DateTest.Fixed::new).orElseThrow(() ->
                new InvalidFlowException(null, type + " argument 1 is not a date (2017-01-15, 15-01-2017 or "
                        + "@(datetime_add(today(), n, \"D\"))): '" + a + "'"));
    }

    /** Glific writes the choices of a checklist in one argument. */
    private static CaseTest choices(String type, List<String> args) {
        try {
            return ChoicesTest.of(arg(type, args, 0));
        } catch (IllegalArgumentException e) {
            // only separators: nothing could be chosen
            throw new InvalidFlowException(null, type + " argument 1 has no choices");
        }
    }

    /**
     * Glific and goflow name the group by id or uuid, then by name; the engine knows groups by name (as the group
     * actions do), so the name is the one that counts.
     */
    private static CaseTest group(String type, List<String> args) {
        String name = arg(type, args, 1);
        if (name.isBlank()) throw new InvalidFlowException(null, type + " argument 2 (the group's name) is blank");
        return new GroupTest(name);
    }

    /** One or more category names. */
    private static CaseTest categories(String type, List<String> args) {
        arg(type, args, 0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) names.add(arg(type, args, i));
        return new CategoryTest(names);
    }

    /** The intent's name and the least confidence (0 to 1; goflow's editor writes {@code .85}). */
    private static CaseTest intent(boolean top, String type, List<String> args) {
        String name = arg(type, args, 0);
        if (name.isBlank()) throw new InvalidFlowException(null, type + " argument 1 (the intent) is blank");
        String written = arg(type, args, 1).strip();
        BigDecimal threshold;
        try {
            threshold = new BigDecimal(written);
        } catch (NumberFormatException e) {
            throw new InvalidFlowException(null, type + " argument 2 (the confidence) is not a number: '" + written
                    + "'");
        }
        if (threshold.signum() < 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidFlowException(null, type + " argument 2 (the confidence) must be between 0 and 1");
        }
        return new IntentTest(top, name, threshold);
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
