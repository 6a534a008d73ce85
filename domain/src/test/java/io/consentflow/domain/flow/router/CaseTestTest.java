package io.consentflow.domain.flow.router;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each case-test family, matching and not: the value it answers (what a result saves) or empty. The flow format's
 * names for them are tested with the reader (CaseTypesTest); here the tests are built directly.
 */
class CaseTestTest {
    /** Monday 2 March 2026, 10:00 UTC. */
    private static final Instant NOW = Fixtures.NOW;

    private static CaseInput at(String text) {
        return new CaseInput(text, MessageType.TEXT, null, null, null, NOW);
    }

    private static Optional<String> yes(String value) {
        return Optional.of(value);
    }

    private static final Optional<String> NO = Optional.empty();

    @Nested
    class Numbers {
        private final NumberTest any = new NumberTest(NumberTest.Mode.ANY, null, null);

        @Test
        void digitsOfAnyScriptAreNumbers() {
            assertEquals(yes("42"), any.match("العدد ٤٢"));
            assertEquals(yes("42"), any.match("۴۲ سال"));
            assertEquals(yes("25"), any.match("मेरी उम्र २५ है"));
            assertEquals(yes("7"), any.match("৭ জন"));
            assertEquals(yes("1.5"), any.match("१,५ किलो"));
            assertEquals(NO, any.match("forty two"));
        }

        @Test
        void comparisonsReadOtherScriptsToo() {
            NumberTest adult = new NumberTest(NumberTest.Mode.GTE, BigDecimal.valueOf(18), null);
            assertEquals(yes("25"), adult.match("२५"));
            assertEquals(NO, adult.match("१७"));
            assertEquals(Optional.of(new BigDecimal("42")), NumberTest.firstNumber("٤٢"));
        }
    }

    @Nested
    class Emails {
        private final TextTest email = new TextTest(TextTest.Mode.EMAIL, "");

        @Test
        void internationalisedAddressesAreAddresses() {
            assertEquals(yes("राम@डाकघर.भारत"), email.match("मेरा पता राम@डाकघर.भारत है"));
            assertEquals(yes("josé@bücher.de"), email.match("write to josé@bücher.de."));
            assertEquals(yes("foo@bar2.com"), email.match("my email is <foo@bar2.com>"));
            assertEquals(yes("a.b+c@x.org"), email.match("mail me at a.b+c@x.org please"));
        }

        @Test
        void withoutADomainWithADotThereIsNone() {
            assertEquals(NO, email.match("a@b"));
            assertEquals(NO, email.match("i'm not sharing my email"));
            assertEquals(NO, email.match("@x.org"));
        }
    }

    @Nested
    class DatesAndTimes {
        private final DateTest any = new DateTest(DateTest.Mode.ANY, null);
        private final DateTest beforeJune = new DateTest(DateTest.Mode.LT, new DateTest.Fixed(LocalDate.of(2017, 6, 1)));
        private final DateTest onFirstOctober = new DateTest(DateTest.Mode.EQ,
                new DateTest.Fixed(LocalDate.of(2017, 10, 1)));
        private final DateTest afterNewYear = new DateTest(DateTest.Mode.GT,
                new DateTest.Fixed(LocalDate.of(2017, 1, 1)));

        @Test
        void aDayFirstDateTakesTheTimeOfTheSprint() {
            assertEquals(yes("2017-01-15T10:00:00.000000Z"), any.match(at("the date is 15/01/2017")));
            assertEquals(yes("2017-10-01T10:00:00.000000Z"), any.match(at("last date was 1.10.2017")));
            assertEquals(yes("2017-01-15T15:00:00.000000Z"), any.match(at("15-01-2017 15:00")));
            assertEquals(yes("2017-01-15T10:00:00.000000Z"), any.match(at("१५/०१/२०१७")));
            assertEquals(yes("2017-01-15T10:00:00.000000Z"), any.match(at("2017-01-15")));
        }

        @Test
        void twoDigitYearsPivotOnTheSprintsYear() {
            assertEquals(yes("1999-10-01T10:00:00.000000Z"), any.match(at("1.10.99")));
            assertEquals(yes("2026-10-01T10:00:00.000000Z"), any.match(at("1.10.26")));
            assertEquals(yes("1927-10-01T10:00:00.000000Z"), any.match(at("1.10.27")));
            assertEquals(NO, any.match("1.10.99"));
        }

        @Test
        void impossibleDatesAndOtherTextsAreNone() {
            assertEquals(NO, any.match(at("31/02/2022")));
            assertEquals(NO, any.match(at("this isn't a valid date 33.2.99")));
            assertEquals(NO, any.match(at("there is no date here, just a year 2017")));
            assertEquals(NO, any.match(at("")));
        }

        @Test
        void comparesByDayWithAFixedBound() {
            assertEquals(yes("2017-01-15T10:00:00.000000Z"), beforeJune.match(at("15/01/2017")));
            assertEquals(NO, beforeJune.match(at("01/06/2017")));
            assertEquals(yes("2017-10-01T23:59:00.000000Z"), onFirstOctober.match(at("01-10-2017 23:59")));
            assertEquals(NO, onFirstOctober.match(at("02-10-2017")));
            assertEquals(yes("2017-01-02T10:00:00.000000Z"), afterNewYear.match(at("2.1.2017")));
            assertEquals(NO, afterNewYear.match(at("1.1.2017")));
        }

        @Test
        void anIsoDateTimeIsComparedInUtc() {
            assertEquals(yes("2017-10-01T21:55:55.123456Z"), onFirstOctober.match(at("2017-10-01T23:55:55.123456+02:00")));
            // 23:55 at UTC-3 is already the 2nd in UTC
            assertEquals(NO, onFirstOctober.match(at("2017-10-01T23:55:55-03:00")));
        }

        @Test
        void aBoundFromTodayNeedsTheSprintsDay() {
            DateTest today = new DateTest(DateTest.Mode.EQ, new DateTest.FromToday(0));
            DateTest sinceYesterday = new DateTest(DateTest.Mode.GT, new DateTest.FromToday(-1));
            DateTest beforeNextWeek = new DateTest(DateTest.Mode.LT, new DateTest.FromToday(7));
            assertEquals(yes("2026-03-02T10:00:00.000000Z"), today.match(at("02/03/2026")));
            assertEquals(NO, today.match(at("03/03/2026")));
            assertEquals(yes("2026-03-02T10:00:00.000000Z"), sinceYesterday.match(at("2.3.2026")));
            assertEquals(NO, sinceYesterday.match(at("1.3.2026")));
            assertEquals(yes("2026-03-08T10:00:00.000000Z"), beforeNextWeek.match(at("8/3/2026")));
            assertEquals(NO, beforeNextWeek.match(at("9/3/2026")));
            assertEquals(NO, today.match("02/03/2026"), "no sprint, no today");
        }

        @Test
        void aBoundIsWrittenAsADateAlone() {
            assertEquals(Optional.of(LocalDate.of(2017, 1, 15)), DateTest.date("2017-01-15"));
            assertEquals(Optional.of(LocalDate.of(2017, 7, 27)), DateTest.date(" 27-7-2017 "));
            assertEquals(Optional.of(LocalDate.of(2017, 7, 27)), DateTest.date("27/07/2017"));
            assertEquals(Optional.empty(), DateTest.date("27-7-17"));
            assertEquals(Optional.empty(), DateTest.date("2017-02-30"));
            assertEquals(Optional.empty(), DateTest.date("on 27-7-2017"));
            assertEquals(Optional.empty(), DateTest.date("tomorrow"));
        }

        @Test
        void aComparisonNeedsABoundAndHasDateNone() {
            assertRefused(IllegalArgumentException.class, "any date takes no bound, a comparison takes one",
                    () -> new DateTest(DateTest.Mode.LT, null));
            assertRefused(IllegalArgumentException.class, "any date takes no bound, a comparison takes one",
                    () -> new DateTest(DateTest.Mode.ANY, new DateTest.FromToday(1)));
        }

        @Test
        void aTimeOfDayAnywhereInTheText() {
            TimeTest time = new TimeTest();
            assertEquals(yes("10:30:00.000000"), time.match("the time is 10:30"));
            assertEquals(yes("22:00:00.000000"), time.match("the time is 10 PM"));
            assertEquals(yes("10:30:45.000000"), time.match("the time is 10:30:45"));
            assertEquals(yes("00:15:00.000000"), time.match("12:15 am"));
            assertEquals(yes("09:05:00.000000"), time.match("०९:०५"));
            assertEquals(NO, time.match("this isn't a valid time 59:77"));
            assertEquals(NO, time.match("there is no time here, just the number 25"));
            assertEquals(NO, time.match("no time at all"));
        }
    }

    @Nested
    class Choices {
        private final ChoicesTest ofThree = ChoicesTest.of("first second third");

        @Test
        void everyItemOfTheReplyIsAChoice() {
            assertEquals(yes("first"), ofThree.match("first"));
            assertEquals(yes("second third first"), ofThree.match(" second third first "));
            assertEquals(yes("Third, SECOND"), ofThree.match("Third, SECOND"));
            assertEquals(yes("2;3"), ChoicesTest.of("1, 2, 3").match("2;3"));
        }

        @Test
        void anItemThatIsNoChoiceOrNothingAtAll() {
            assertEquals(NO, ofThree.match("fourth"));
            assertEquals(NO, ofThree.match("first third fourth"));
            assertEquals(NO, ofThree.match("  "));
            assertRefused(IllegalArgumentException.class, "no choices", () -> ChoicesTest.of(" , "));
        }
    }

    @Nested
    class TheInputsKind {
        private CaseInput message(MessageType type, String text) {
            return new CaseInput(text, type, null, null, null, NOW);
        }

        @Test
        void mediaIsAnImageAudioVideoOrFile() {
            InputTypeTest media = new InputTypeTest(InputTypeTest.Kind.MEDIA);
            for (MessageType t : List.of(MessageType.IMAGE, MessageType.AUDIO, MessageType.VIDEO, MessageType.FILE)) {
                assertEquals(yes("a caption"), media.match(message(t, " a caption ")), t.wire());
            }
            for (MessageType t : List.of(MessageType.TEXT, MessageType.STICKER, MessageType.LOCATION,
                    MessageType.QUICK_REPLY)) {
                assertEquals(NO, media.match(message(t, "x")), t.wire());
            }
            assertEquals(NO, media.match(message(null, "")), "no message woke the run");
        }

        @Test
        void eachKindOfMediaAndALocation() {
            assertEquals(yes(""), new InputTypeTest(InputTypeTest.Kind.IMAGE).match(message(MessageType.IMAGE, "")));
            assertEquals(NO, new InputTypeTest(InputTypeTest.Kind.IMAGE).match(message(MessageType.VIDEO, "")));
            assertEquals(yes(""), new InputTypeTest(InputTypeTest.Kind.AUDIO).match(message(MessageType.AUDIO, "")));
            assertEquals(NO, new InputTypeTest(InputTypeTest.Kind.AUDIO).match(message(MessageType.TEXT, "audio")));
            assertEquals(yes(""), new InputTypeTest(InputTypeTest.Kind.VIDEO).match(message(MessageType.VIDEO, "")));
            assertEquals(NO, new InputTypeTest(InputTypeTest.Kind.VIDEO).match(message(MessageType.IMAGE, "")));
            assertEquals(yes("cv.pdf"), new InputTypeTest(InputTypeTest.Kind.FILE).match(message(MessageType.FILE, "cv.pdf")));
            assertEquals(NO, new InputTypeTest(InputTypeTest.Kind.FILE).match(message(MessageType.AUDIO, "")));
            InputTypeTest location = new InputTypeTest(InputTypeTest.Kind.LOCATION);
            assertEquals(yes("28.61,77.20"), location.match(message(MessageType.LOCATION, "28.61,77.20")));
            assertEquals(NO, location.match(message(MessageType.TEXT, "28.61,77.20")));
        }
    }

    @Nested
    class TheContactAndTheRun {
        private final Contact contact = Fixtures.contact();

        private CaseInput withContact() {
            return new CaseInput("", MessageType.TEXT, null, null, contact, NOW);
        }

        private CaseInput withResult(String category) {
            RunResult r = new RunResult("Ticket", "x", category, "x", "node", NOW);
            return new CaseInput("x", MessageType.TEXT, null, r, contact, NOW);
        }

        @Test
        void aGroupByItsNameInAnyCase() {
            contact.addGroups(List.of("STARTED_AB", "Clinic visitors"));
            assertEquals(yes("Clinic visitors"), new GroupTest("clinic VISITORS").match(withContact()));
            assertEquals(yes("STARTED_AB"), new GroupTest(" STARTED_AB ").match(withContact()));
            assertEquals(NO, new GroupTest("Testers").match(withContact()));
            assertEquals(NO, new GroupTest("STARTED_AB").match("STARTED_AB"), "no contact");
            contact.removeGroups(Set.of("STARTED_AB"));
            assertEquals(NO, new GroupTest("STARTED_AB").match(withContact()));
        }

        @Test
        void aCategoryOfTheResultTheOperandNames() {
            CategoryTest succeeded = new CategoryTest(List.of("Success", "Skipped"));
            assertEquals(yes("Success"), succeeded.match(withResult("Success")));
            assertEquals(yes("Skipped"), succeeded.match(withResult("Skipped")));
            assertEquals(NO, succeeded.match(withResult("Failure")));
            assertEquals(NO, succeeded.match(withResult("success")), "compared exactly, as goflow does");
            assertEquals(NO, succeeded.match(withResult(null)));
            assertEquals(NO, succeeded.match("Success"), "the operand names no result");
        }

        @Test
        void anErrorOfTheOperand() {
            CaseInput failed = new CaseInput("", MessageType.TEXT, "no result named 'age'", null, contact, NOW);
            assertEquals(yes("no result named 'age'"), new ErrorTest().match(failed));
            assertEquals(NO, new ErrorTest().match(withContact()));
        }
    }
}
