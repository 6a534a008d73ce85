package io.consentflow.domain.flow.router;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times as people type them, read the way goflow reads them for an environment whose date format is
 * day first ({@code DD-MM-YYYY}, Glific's default): an ISO date-time ({@code 2017-01-15T10:30:00+05:30}) as the
 * whole text; else an ISO date ({@code 2017-01-15}) at the start; else the first day-first date in the text
 * ({@code 15/01/2017}, {@code 1.10.17}: day and month of one or two digits, a year of four or two, separated by
 * one of {@code - . / \ _} or a space), with a time after it if there is one. Digits of any script count.
 * Everything is in UTC: the project has no timezone setting.
 */
public final class Dates {
    static final ZoneOffset ZONE = ZoneOffset.UTC;

    private static final String D = Digits.ANY;
    private static final String SEPARATOR = "[-./\\\\_ ]";
    private static final Pattern DAY_FIRST = Pattern.compile(
            "\\b(" + D + "{1,2})" + SEPARATOR + "(" + D + "{1,2})" + SEPARATOR + "(" + D + "{4}|" + D + "{2})\\b",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ISO_DATE = Pattern.compile("(" + D + "{4})-(" + D + "{2})-(" + D + "{2})");
    /** An hour, optionally minutes, seconds and fractions, optionally am/pm: "10", "10:30", "1030", "10 PM". */
    private static final Pattern TIME = Pattern.compile(
            "\\b(" + D + "{1,2})(?::?(" + D + "{2})(?::(" + D + "{2})(?:\\.(" + D + "+))?)?)?\\W*([ap]m)?\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private Dates() {
    }

    /**
     * The date and time in {@code text}, in UTC. A date without a time takes the time of day of {@code now} (as
     * goflow fills it), midnight without one. A two-digit year is the nearest century's, pivoting on
     * {@code now}'s year; without {@code now} two-digit years are not read.
     */
    public static Optional<LocalDateTime> find(String text, LocalDateTime now) {
        String t = text.strip();
        Optional<LocalDateTime> iso = isoDateTime(t);
        if (iso.isPresent()) return iso;
        LocalTime fill = now == null ? LocalTime.MIDNIGHT : now.toLocalTime();
        Matcher iso8601 = ISO_DATE.matcher(t);
        if (iso8601.lookingAt()) {
            Optional<LocalDate> date = date(iso8601.group(3), iso8601.group(2), iso8601.group(1), null);
            if (date.isPresent()) return Optional.of(date.get().atTime(time(t.substring(iso8601.end())).orElse(fill)));
        }
        Matcher m = DAY_FIRST.matcher(t);
        while (m.find()) {
            Optional<LocalDate> date = date(m.group(1), m.group(2), m.group(3), now);
            if (date.isPresent()) return Optional.of(date.get().atTime(time(t.substring(m.end())).orElse(fill)));
        }
        return Optional.empty();
    }

    /** A date written alone, as a flow's author writes one: {@code 2017-01-15} or {@code 15-01-2017}. */
    static Optional<LocalDate> exactDate(String text) {
        String t = text.strip();
        Matcher iso = ISO_DATE.matcher(t);
        if (iso.matches()) return date(iso.group(3), iso.group(2), iso.group(1), null);
        Matcher m = DAY_FIRST.matcher(t);
        if (m.matches() && Digits.ascii(m.group(3)).length() == 4) return date(m.group(1), m.group(2), m.group(3), null);
        return Optional.empty();
    }

    /** The first believable time of day in {@code text}: hours to 23 (24:00 is midnight), minutes and seconds to 59. */
    public static Optional<LocalTime> time(String text) {
        Matcher m = TIME.matcher(text);
        while (m.find()) {
            int hour = Integer.parseInt(Digits.ascii(m.group(1)));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(Digits.ascii(m.group(2)));
            int second = m.group(3) == null ? 0 : Integer.parseInt(Digits.ascii(m.group(3)));
            int nanos = nanos(m.group(4));
            String half = m.group(5) == null ? "" : m.group(5).toLowerCase(Locale.ROOT);
            if (hour < 12 && half.equals("pm")) hour += 12;
            else if (hour == 12 && half.equals("am")) hour = 0;
            if (hour == 24 && minute == 0 && second == 0 && nanos == 0) hour = 0;
            if (hour > 23 || minute > 59 || second > 59) continue;
            return Optional.of(LocalTime.of(hour, minute, second, nanos));
        }
        return Optional.empty();
    }

    /** goflow's way of showing a time: {@code 10:30:00.000000}. */
    static String format(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", time.getHour(), time.getMinute(), time.getSecond(),
                time.getNano() / 1000);
    }

    /** goflow's way of showing a date-time: {@code 2017-01-15T10:30:00.000000Z}. */
    static String format(LocalDateTime dateTime) {
        LocalDate d = dateTime.toLocalDate();
        return String.format(Locale.ROOT, "%04d-%02d-%02dT", d.getYear(), d.getMonthValue(), d.getDayOfMonth())
                + format(dateTime.toLocalTime()) + "Z";
    }

    private static Optional<LocalDateTime> isoDateTime(String text) {
        if (text.indexOf('T') < 0) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(Digits.ascii(text)).withOffsetSameInstant(ZONE).toLocalDateTime());
        } catch (DateTimeException e) {
            // not an ISO date-time: the day-first reading follows
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String day, String month, String year, LocalDateTime now) {
        String y = Digits.ascii(year);
        int d = Integer.parseInt(Digits.ascii(day));
        int m = Integer.parseInt(Digits.ascii(month));
        int full = Integer.parseInt(y);
        if (y.length() == 2) {
            if (now == null) return Optional.empty();
            int century = now.getYear() / 100 * 100;
            full += full > now.getYear() % 100 ? century - 100 : century;
        }
        try {
            return Optional.of(LocalDate.of(full, m, d));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int nanos(String fraction) {
        if (fraction == null) return 0;
        String f = Digits.ascii(fraction);
        if (f.length() > 9) f = f.substring(0, 9);
        return Integer.parseInt(f) * (int) Math.pow(10, 9 - f.length());
    }
}
