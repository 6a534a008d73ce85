package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.router.CategoryTest;
import io.consentflow.domain.flow.router.ChoicesTest;
import io.consentflow.domain.flow.router.DateTest;
import io.consentflow.domain.flow.router.ErrorTest;
import io.consentflow.domain.flow.router.GroupTest;
import io.consentflow.domain.flow.router.InputTypeTest;
import io.consentflow.domain.flow.router.NumberTest;
import io.consentflow.domain.flow.router.PatternTest;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.router.TimeTest;
import io.consentflow.domain.flow.router.WordTest;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Table-driven, as goflow's case tests: (type, arguments, input) -> matched value or no match (null). The names
 * are the format's, read here; how each test matches is the domain's.
 */
class CaseTypesTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("has_any_word", List.of("👍"), "👍", "👍"),
                arguments("has_any_word", List.of("👍"), "👍 1", "👍"),
                arguments("has_any_word", List.of("👍"), "ok👍", "👍"),
                arguments("has_any_word", List.of("👍"), "I say 👍🏽!", "👍"),
                arguments("has_any_word", List.of("👍"), "👎", null),
                arguments("has_any_word", List.of("1"), "1️⃣", "1"),
                arguments("has_any_word", List.of("1"), "10", null),
                arguments("has_any_word", List.of("yes y"), "Yes, please", "yes"),
                arguments("has_any_word", List.of("red green"), "blue", null),
                arguments("has_all_words", List.of("red green"), "Green and RED", "red green"),
                arguments("has_all_words", List.of("red green"), "red only", null),
                arguments("has_phrase", List.of("i love you"), "Oh, I love you so much", "i love you"),
                arguments("has_phrase", List.of("i love you"), "you love i", null),
                arguments("has_only_phrase", List.of("opt out"), " Opt out! ", "opt out"),
                arguments("has_only_phrase", List.of("opt out"), "opt out now", null),
                arguments("has_only_text", List.of("completed"), " Completed ", "Completed"),
                arguments("has_only_text", List.of("completed"), "completed ok", null),
                arguments("has_beginning", List.of("hel"), "Hello there", "Hel"),
                arguments("has_beginning", List.of("lo"), "Hello", null),
                arguments("has_text", List.of(), "anything", "anything"),
                arguments("has_text", List.of(), "   ", null),
                arguments("has_number", List.of(), "I am 25 years", "25"),
                arguments("has_number", List.of(), "1,5 kg", "1.5"),
                arguments("has_number", List.of(), "none", null),
                arguments("has_number_eq", List.of("25"), "25", "25"),
                arguments("has_number_eq", List.of("25"), "26", null),
                arguments("has_number_lt", List.of("10"), "9", "9"),
                arguments("has_number_lt", List.of("10"), "10", null),
                arguments("has_number_lte", List.of("10"), "10", "10"),
                arguments("has_number_lte", List.of("10"), "11", null),
                arguments("has_number_gt", List.of("10"), "11", "11"),
                arguments("has_number_gt", List.of("10"), "10", null),
                arguments("has_number_gte", List.of("10"), "10", "10"),
                arguments("has_number_gte", List.of("10"), "9.5", null),
                arguments("has_number_between", List.of("1", "5"), "1", "1"),
                arguments("has_number_between", List.of("1", "5"), "5", "5"),
                arguments("has_number_between", List.of("1", "5"), "5.5", null),
                arguments("has_number_between", List.of("1", "5"), "0", null),
                arguments("has_pattern", List.of("^(yes|y)\\b"), "YES sir", "YES"),
                arguments("has_pattern", List.of("^(yes|y)\\b"), "no", null),
                arguments("has_email", List.of(), "mail me at a.b@x.org please", "a.b@x.org"),
                arguments("has_email", List.of(), "a@b", null),
                arguments("has_phone", List.of(), "call +91 99174 43994", "+919917443994"),
                arguments("has_phone", List.of(), "call 123", null),
                arguments("has_value", List.of(), " anything ", "anything"),
                arguments("has_value", List.of(), "   ", null),
                arguments("has_number", List.of(), "العدد ٤٢", "42"),
                arguments("has_number_lt", List.of("१०"), "९", "9"),
                arguments("has_email", List.of(), "मेरा पता राम@डाकघर.भारत", "राम@डाकघर.भारत"),
                arguments("has_date", List.of(), "the date is 15/01/2017", "2017-01-15T00:00:00.000000Z"),
                arguments("has_date", List.of(), "no date at all", null),
                arguments("has_date_lt", List.of("2017-06-01"), "15/01/2017", "2017-01-15T00:00:00.000000Z"),
                arguments("has_date_lt", List.of("2017-06-01"), "15/07/2017", null),
                arguments("has_date_eq", List.of("27-7-2017"), "27.07.2017 9:30", "2017-07-27T09:30:00.000000Z"),
                arguments("has_date_gt", List.of("27/7/2017"), "27.07.2017", null),
                arguments("has_time", List.of(), "at 10 pm", "22:00:00.000000"),
                arguments("has_time", List.of(), "never", null),
                arguments("has_multiple", List.of("1 2 3"), "3, 1", "3, 1"),
                arguments("has_multiple", List.of("1 2 3"), "3 4", null),
                arguments("has_media", List.of(), "a text message", null),
                arguments("has_location", List.of(), "28.61,77.20", null),
                arguments("has_group", List.of("5", "STARTED_AB"), "STARTED_AB", null),
                arguments("has_category", List.of("Success"), "Success", null),
                arguments("has_error", List.of(), "anything", null));
    }

    @ParameterizedTest(name = "{0} {1} on ''{2}'' -> {3}")
    @MethodSource("cases")
    void matches(String type, List<String> args, String input, String expected) {
        assertEquals(Optional.ofNullable(expected), CaseTypes.of(type, args).match(input));
    }

    @Test
    void everyTypeMapsToItsFamily() {
        assertTrue(CaseTypes.of("has_all_words", List.of("a")) instanceof WordTest);
        assertTrue(CaseTypes.of("has_beginning", List.of("a")) instanceof TextTest);
        assertTrue(CaseTypes.of("has_number_gte", List.of("1")) instanceof NumberTest);
        assertTrue(CaseTypes.of("has_pattern", List.of("a")) instanceof PatternTest);
        assertEquals(new TextTest(TextTest.Mode.ANY_TEXT, ""), CaseTypes.of("has_value", List.of()));
        assertEquals(new DateTest(DateTest.Mode.ANY, null), CaseTypes.of("has_date", List.of()));
        assertEquals(new DateTest(DateTest.Mode.GT, new DateTest.FromToday(10)),
                CaseTypes.of("has_date_gt", List.of("@(datetime_add(today(), 10, \"D\"))")));
        assertEquals(new DateTest(DateTest.Mode.LT, new DateTest.FromToday(-2)),
                CaseTypes.of("has_date_lt", List.of("@( datetime_add( now( ), -2, \"d\") )")));
        assertEquals(new DateTest(DateTest.Mode.EQ, new DateTest.FromToday(0)),
                CaseTypes.of("has_date_eq", List.of("@(today())")));
        assertEquals(new TimeTest(), CaseTypes.of("has_time", List.of()));
        assertEquals(new ErrorTest(), CaseTypes.of("has_error", List.of()));
        assertEquals(ChoicesTest.of("a b"), CaseTypes.of("has_multiple", List.of("a, b")));
        assertEquals(new GroupTest("Testers"), CaseTypes.of("has_group", List.of("b7cf0d83", "Testers")));
        assertEquals(new CategoryTest(List.of("Success", "Failure")),
                CaseTypes.of("has_category", List.of("Success", "Failure")));
        for (String media : List.of("has_media", "has_image", "has_audio", "has_video", "has_file", "has_location")) {
            assertTrue(CaseTypes.of(media, List.of()) instanceof InputTypeTest, media);
        }
        assertEquals(new InputTypeTest(InputTypeTest.Kind.FILE), CaseTypes.of("has_file", List.of()));
    }

    @Test
    void badCasesAreRefusedAtImport() {
        assertRefused(InvalidFlowException.class, "unknown case type 'has_district'",
                () -> CaseTypes.of("has_district", List.of("x")));
        assertRefused(InvalidFlowException.class, "case has no type", () -> CaseTypes.of(null, List.of()));
        assertRefused(InvalidFlowException.class, "has_any_word needs argument 1",
                () -> CaseTypes.of("has_any_word", null));
        assertRefused(InvalidFlowException.class, "has_number_between needs argument 2",
                () -> CaseTypes.of("has_number_between", List.of("1")));
        assertRefused(InvalidFlowException.class, "has_number_lt argument 1 is not a number: 'ten'",
                () -> CaseTypes.of("has_number_lt", List.of("ten")));
        assertRefused(InvalidFlowException.class, "has_pattern argument is not a valid pattern",
                () -> CaseTypes.of("has_pattern", List.of("(unclosed")));
        assertRefused(InvalidFlowException.class, "has_date_lt argument 1 is not a date",
                () -> CaseTypes.of("has_date_lt", List.of("2017-02-30")));
        assertRefused(InvalidFlowException.class, "has_date_gt argument 1 is not a date",
                () -> CaseTypes.of("has_date_gt", List.of("@(datetime_add(today(), 99999999999, \"D\"))")));
        assertRefused(InvalidFlowException.class, "has_date_eq needs argument 1",
                () -> CaseTypes.of("has_date_eq", null));
        assertRefused(InvalidFlowException.class, "has_group needs argument 2",
                () -> CaseTypes.of("has_group", List.of("b7cf0d83")));
        assertRefused(InvalidFlowException.class, "has_category needs argument 1",
                () -> CaseTypes.of("has_category", List.of()));
        assertRefused(InvalidFlowException.class, "has_multiple argument 1 has no choices",
                () -> CaseTypes.of("has_multiple", List.of("  ")));
    }

    @Test
    void emptyOrMissingInputMatchesNothingButAnEmptyPhrase() {
        assertTrue(CaseTypes.of("has_any_word", List.of("a")).match((String) null).isEmpty());
        assertTrue(CaseTypes.of("has_number", List.of()).match((String) null).isEmpty());
        assertTrue(CaseTypes.of("has_pattern", List.of("a")).match((String) null).isEmpty());
        assertTrue(CaseTypes.of("has_text", List.of()).match((String) null).isEmpty());
    }

    /** {@code action} throws a {@code type} whose message names {@code rule}. */
    private static void assertRefused(Class<? extends Throwable> type, String rule, Executable action) {
        Throwable e = assertThrows(type, action);
        assertTrue(e.getMessage() != null && e.getMessage().contains(rule),
                () -> "expected a refusal naming '" + rule + "', got: " + e.getMessage());
    }
}
