package io.consentflow.domain.flow.expression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * goflow's date and time functions, with the examples of its documentation shifted to UTC (the project's
 * timezone) and Glific's day-first format; now is 2018-04-11T13:24:30.123456Z.
 */
class DateFunctionsTest {
    @Test
    void weekNumbersAreIsoWeeks() {
        for (java.time.LocalDate d = java.time.LocalDate.of(1998, 1, 1); d.getYear() < 2031; d = d.plusDays(1)) {
            org.junit.jupiter.api.Assertions.assertEquals(d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    DateFunctions.isoWeek(d), d::toString);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(date("1979-07-18")) -> 1979-07-18
            @(date("1979-07-18T10:30:45.123456Z")) -> 1979-07-18
            @(date("10/05/2010")) -> 2010-05-10
            @(date("NOT DATE")) -> ERROR
            @(datetime("1979-07-18")) -> 1979-07-18T00:00:00.000000Z
            @(datetime("1979-07-18T10:30:45.123456Z")) -> 1979-07-18T10:30:45.123456Z
            @(datetime("1979-07-18T10:30:45+02:00")) -> 1979-07-18T08:30:45.000000Z
            @(datetime("10/05/2010")) -> 2010-05-10T00:00:00.000000Z
            @(datetime("NOT DATE")) -> ERROR
            @(time("10:30")) -> 10:30:00.000000
            @(time("10:30:45 PM")) -> 22:30:45.000000
            @(time(datetime("1979-07-18T10:30:45.123456Z"))) -> 10:30:45.123456
            @(time("what?")) -> ERROR
            @(now()) -> 2018-04-11T13:24:30.123456Z
            @(today()) -> 2018-04-11
            @(date_from_parts(2017, 1, 15)) -> 2017-01-15
            @(date_from_parts(2017, 2, 31)) -> 2017-03-03
            @(date_from_parts(2017, 13, 15)) -> ERROR
            @(time_from_parts(14, 40, 15)) -> 14:40:15.000000
            @(time_from_parts(8, 10, 0)) -> 08:10:00.000000
            @(time_from_parts(25, 0, 0)) -> ERROR
            @(datetime_diff("2017-01-15", "2017-01-17", "D")) -> 2
            @(datetime_diff("2017-01-15", "2017-05-15", "W")) -> 17
            @(datetime_diff("2017-01-15", "2017-05-15", "M")) -> 4
            @(datetime_diff("2017-01-17 10:50", "2017-01-17 12:30", "h")) -> 1
            @(datetime_diff("2017-01-17", "2015-12-17", "Y")) -> -2
            @(datetime_diff("2017-01-17", "2015-12-17", "fortnights")) -> ERROR
            @(datetime_add("2017-01-15", 5, "D")) -> 2017-01-20T00:00:00.000000Z
            @(datetime_add("2017-01-15 10:45", 30, "m")) -> 2017-01-15T11:15:00.000000Z
            @(datetime_add(today(), 1, "D")) -> 2018-04-12T00:00:00.000000Z
            @(datetime_from_epoch(1497286619)) -> 2017-06-12T16:56:59.000000Z
            @(datetime_from_epoch(1497286619.123456)) -> 2017-06-12T16:56:59.123456Z
            @(epoch("2017-06-12T16:56:59.000000Z")) -> 1497286619
            @(epoch("2017-06-12T18:56:59.000000+02:00")) -> 1497286619
            @(epoch("2017-06-12T16:56:59.123456Z")) -> 1497286619.123456
            @(round_down(epoch("2017-06-12T16:56:59.123456Z"))) -> 1497286619
            @(replace_time("2017-01-15", "10:30")) -> 2017-01-15T10:30:00.000000Z
            @(replace_time("foo", "10:30")) -> ERROR
            @(tz("2017-01-15T02:15:18.123456Z")) -> UTC
            @(tz_offset("2017-01-15T02:15:18.123456Z")) -> +0000
            @(weekday("2017-01-15")) -> 0
            @(weekday("foo")) -> ERROR
            @(week_number("2019-01-01")) -> 1
            @(week_number("2019-07-23T16:56:59.000000Z")) -> 30
            @(format(today())) -> 11-04-2018
            @(format(now())) -> 11-04-2018 13:24
            @(format(1234.5670)) -> 1,234.567
            @(format_date("1979-07-18T15:00:00.000000Z")) -> 18-07-1979
            @(format_date("1979-07-18T15:00:00.000000Z", "YYYY-MM-DD")) -> 1979-07-18
            @(format_date("2010-05-10T19:50:00.000000Z", "YYYY M DD")) -> 2010 5 10
            @(format_date("1979-07-18T15:00:00.000000Z", "EEEE D MMMM YY")) -> Wednesday 18 July 79
            @(format_date("NOT DATE", "YYYY-MM-DD")) -> ERROR
            @(format_date("1979-07-18", "tt")) -> ERROR
            @(format_datetime("1979-07-18T15:00:00.000000Z")) -> 18-07-1979 15:00
            @(format_datetime("2010-05-10T19:50:00.000000Z", "YYYY M DD tt:mm")) -> 2010 5 10 19:50
            @(format_datetime("2010-05-10T19:50:00.000000Z", "YYYY-MM-DD hh:mm AA", "America/Los_Angeles")) -> 2010-05-10 12:50 PM
            @(format_datetime("2010-05-10T19:50:00.000000Z", "YYYY", "Cuenca")) -> ERROR
            @(format_datetime("2010-05-10T19:50:00.000000Z", "YYYY%")) -> ERROR
            @(format_time("14:50:30.000000")) -> 14:50
            @(format_time("14:50:30.000000", "h:mm aa")) -> 2:50 pm
            @(format_time("15:00:27.000000", "s")) -> 27
            @(format_time("NOT TIME", "hh:mm")) -> ERROR
            @(parse_datetime("1979-07-18", "YYYY-MM-DD")) -> 1979-07-18T00:00:00.000000Z
            @(parse_datetime("2010 5 10", "YYYY M DD")) -> 2010-05-10T00:00:00.000000Z
            @(parse_datetime("2010 5 10 12:50", "YYYY M DD tt:mm", "America/Los_Angeles")) -> 2010-05-10T12:50:00.000000-07:00
            @(parse_datetime("NOT DATE", "YYYY-MM-DD")) -> ERROR
            @(parse_time("15:28", "tt:mm")) -> 15:28:00.000000
            @(parse_time("2:40 pm", "h:mm aa")) -> 14:40:00.000000
            @(parse_time("NOT TIME", "tt:mm")) -> ERROR
            @(contact.created_on) -> 2018-04-10T13:24:30.123456Z
            """)
    void rendersAsGoflowDocumentsInUtc(String template, String expected) {
        Eval.check(template, expected);
    }
}
