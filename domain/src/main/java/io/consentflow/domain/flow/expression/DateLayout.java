package io.consentflow.domain.flow.expression;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goflow's date and time layouts ({@code YYYY-MM-DD}, {@code tt:mm}, {@code h:mm aa}): {@code YY YYYY M MM MMM
 * MMMM D DD EEE EEEE h hh t tt m mm s ss fff ffffff fffffffff aa AA Z ZZZ}; space, {@code : , T - _ / .} stand
 * for themselves; any other character is an error.
 */
final class DateLayout {
    private static final String[] TOKENS = {"fffffffff", "ffffff", "YYYY", "MMMM", "EEEE", "MMM", "EEE", "ZZZ", "fff",
            "YY", "MM", "DD", "hh", "tt", "mm", "ss", "aa", "AA", "M", "D", "h", "t", "m", "s", "Z"};
    private static final String LITERALS = " :,T-_/.";
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday"};

    private DateLayout() {
    }

    private static List<String> tokens(String layout) {
        List<String> out = new ArrayList<>();
        int i = 0;
        outer:
        while (i < layout.length()) {
            for (String t : TOKENS) {
                if (layout.startsWith(t, i)) {
                    out.add(t);
                    i += t.length();
                    continue outer;
                }
            }
            char c = layout.charAt(i);
            if (LITERALS.indexOf(c) < 0) throw new EvalException("'" + c + "' is not valid in a date or time format");
            out.add(String.valueOf(c));
            i++;
        }
        return out;
    }

    /** {@code value} written in {@code layout}; date parts need a date, time parts a time. */
    static String format(ZonedDateTime value, boolean hasDate, boolean hasTime, String layout) {
        StringBuilder b = new StringBuilder();
        for (String t : tokens(layout)) {
            if (t.length() == 1 && LITERALS.indexOf(t.charAt(0)) >= 0) {
                b.append(t);
                continue;
            }
            boolean datePart = "YMDE".indexOf(t.charAt(0)) >= 0;
            if (datePart && !hasDate) throw new EvalException("'" + t + "' is not valid in a time format");
            if (!datePart && !hasTime) throw new EvalException("'" + t + "' is not valid in a date format");
            int hour12 = value.getHour() % 12 == 0 ? 12 : value.getHour() % 12;
            switch (t) {
                case "YYYY" -> b.append(String.format(Locale.ROOT, "%04d", value.getYear()));
                case "YY" -> b.append(String.format(Locale.ROOT, "%02d", value.getYear() % 100));
                case "MMMM" -> b.append(MONTHS[value.getMonthValue() - 1]);
                case "MMM" -> b.append(MONTHS[value.getMonthValue() - 1], 0, 3);
                case "MM" -> b.append(two(value.getMonthValue()));
                case "M" -> b.append(value.getMonthValue());
                case "DD" -> b.append(two(value.getDayOfMonth()));
                case "D" -> b.append(value.getDayOfMonth());
                case "EEEE" -> b.append(DAYS[value.getDayOfWeek().getValue() - 1]);
                case "EEE" -> b.append(DAYS[value.getDayOfWeek().getValue() - 1], 0, 3);
                case "hh" -> b.append(two(hour12));
                case "h" -> b.append(hour12);
                case "tt" -> b.append(two(value.getHour()));
                case "t" -> b.append(value.getHour());
                case "mm" -> b.append(two(value.getMinute()));
                case "m" -> b.append(value.getMinute());
                case "ss" -> b.append(two(value.getSecond()));
                case "s" -> b.append(value.getSecond());
                case "fff" -> b.append(String.format(Locale.ROOT, "%03d", value.getNano() / 1_000_000));
                case "ffffff" -> b.append(String.format(Locale.ROOT, "%06d", value.getNano() / 1_000));
                case "fffffffff" -> b.append(String.format(Locale.ROOT, "%09d", value.getNano()));
                case "aa" -> b.append(value.getHour() < 12 ? "am" : "pm");
                case "AA" -> b.append(value.getHour() < 12 ? "AM" : "PM");
                case "Z" -> b.append(value.getOffset().getTotalSeconds() == 0 ? "Z" : value.getOffset().getId());
                case "ZZZ" -> b.append(value.getOffset().getId().equals("Z") ? "+0000"
                        : value.getOffset().getId().replace(":", ""));
                default -> throw new IllegalStateException("token " + t);
            }
        }
        return b.toString();
    }

    /** What {@code text} says in {@code layout}: the parts missing are the first day, midnight, {@code zone}. */
    static ZonedDateTime parse(String text, String layout, ZoneId zone) {
        List<String> tokens = tokens(layout);
        StringBuilder regex = new StringBuilder();
        for (String t : tokens) {
            regex.append(switch (t) {
                case "YYYY" -> "(\\d{4})";
                case "YY", "MM", "DD", "hh", "tt", "mm", "ss" -> "(\\d{2})";
                case "M", "D", "h", "t", "m", "s" -> "(\\d{1,2})";
                case "MMMM", "MMM", "EEEE", "EEE" -> "([A-Za-z]+)";
                case "fff", "ffffff", "fffffffff" -> "(\\d{1,9})";
                case "aa", "AA" -> "([AaPp][Mm])";
                case "Z", "ZZZ" -> "(Z|[+-]\\d{2}:?\\d{2})";
                default -> Pattern.quote(t);
            });
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(text.strip());
        if (!m.matches()) throw new EvalException("unable to parse " + Json.quote(text) + " as " + Json.quote(layout));
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
        String half = null;
        ZoneId z = zone;
        int group = 1;
        try {
            for (String t : tokens) {
                if (t.length() == 1 && LITERALS.indexOf(t.charAt(0)) >= 0) continue;
                String g = m.group(group++);
                switch (t) {
                    case "YYYY" -> year = Integer.parseInt(g);
                    case "YY" -> year = 2000 + Integer.parseInt(g);
                    case "MM", "M" -> month = Integer.parseInt(g);
                    case "MMMM", "MMM" -> month = month(g);
                    case "DD", "D" -> day = Integer.parseInt(g);
                    case "hh", "h", "tt", "t" -> hour = Integer.parseInt(g);
                    case "mm", "m" -> minute = Integer.parseInt(g);
                    case "ss", "s" -> second = Integer.parseInt(g);
                    case "fff", "ffffff", "fffffffff" -> nanos = Integer.parseInt((g + "00000000").substring(0, 9));
                    case "aa", "AA" -> half = g.toLowerCase(Locale.ROOT);
                    case "Z", "ZZZ" -> z = g.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(g.length() == 5
                            ? g.substring(0, 3) + ":" + g.substring(3) : g);
                    default -> {
                        // day names say nothing the date does not
                    }
                }
            }
            if ("pm".equals(half) && hour < 12) hour += 12;
            if ("am".equals(half) && hour == 12) hour = 0;
            return ZonedDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos), z);
        } catch (DateTimeException | NumberFormatException e) {
            throw new EvalException("unable to parse " + Json.quote(text) + " as " + Json.quote(layout));
        }
    }

    private static int month(String name) {
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equalsIgnoreCase(name) || MONTHS[m].substring(0, 3).equalsIgnoreCase(name)) return m + 1;
        }
        throw new NumberFormatException(name);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
