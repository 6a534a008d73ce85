package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Duration;


/**
 * goflow's date, datetime and time functions, in UTC (the project has no timezone setting) with Glific's default
 * formats: dates {@code DD-MM-YYYY}, times {@code tt:mm}.
 */
final class DateFunctions {
    static final String DATE_FORMAT = "DD-MM-YYYY";
    static final String TIME_FORMAT = "tt:mm";
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private DateFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("date", 1, 1, (env, a) -> new Value.Date(Values.date(env, a.get(0))));
        r.add("datetime", 1, 1, (env, a) -> new Value.DateTime(Values.dateTime(env, a.get(0))));
        r.add("time", 1, 1, (env, a) -> new Value.Time(Values.time(a.get(0))));
        r.add("now", 0, 0, (env, a) -> new Value.DateTime(env.zonedNow()));
        r.add("today", 0, 0, (env, a) -> new Value.Date(env.zonedNow().toLocalDate()));
        r.add("date_from_parts", 3, 3, (env, a) -> {
            int year = Values.integer(a.get(0));
            int month = Values.integer(a.get(1));
            int day = Values.integer(a.get(2));
            if (month < 1 || month > 12) throw new EvalException("invalid value for month, must be 1-12");
            if (year < 1 || year > 9999) throw new EvalException("invalid value for year, must be 1-9999");
            // goflow lets days run over into the next month: 31 February is 3 March
            return new Value.Date(LocalDate.of(year, month, 1).plusDays(day - 1L));
        });
        r.add("time_from_parts", 3, 3, (env, a) -> {
            int hour = Values.integer(a.get(0));
            int minute = Values.integer(a.get(1));
            int second = Values.integer(a.get(2));
            if (hour < 0 || hour > 23) throw new EvalException("invalid value for hour, must be 0-23");
            if (minute < 0 || minute > 59) throw new EvalException("invalid value for minute, must be 0-59");
            if (second < 0 || second > 59) throw new EvalException("invalid value for second, must be 0-59");
            return new Value.Time(LocalTime.of(hour, minute, second));
        });
        r.add("datetime_add", 3, 3, (env, a) -> {
            ZonedDateTime dt = Values.dateTime(env, a.get(0));
            long n = Values.integer(a.get(1));
            return new Value.DateTime(switch (unit(Values.text(a.get(2)))) {
                case YEARS -> dt.plusYears(n);
                case MONTHS -> dt.plusMonths(n);
                case WEEKS -> dt.plusWeeks(n);
                case DAYS -> dt.plusDays(n);
                case HOURS -> dt.plusHours(n);
                case MINUTES -> dt.plusMinutes(n);
                case SECONDS -> dt.plusSeconds(n);
            });
        });
        r.add("datetime_diff", 3, 3, (env, a) -> {
            ZonedDateTime from = Values.dateTime(env, a.get(0));
            ZonedDateTime to = Values.dateTime(env, a.get(1));
            long days = to.toLocalDate().toEpochDay() - from.toLocalDate().toEpochDay();
            Duration exact = Duration.between(from, to);
            // years and months are counted on the calendar, as goflow does: 17 Jan 2017 to 17 Dec 2015 is -2 years
            return Value.Num.of(switch (unit(Values.text(a.get(2)))) {
                case YEARS -> to.getYear() - from.getYear();
                case MONTHS -> (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
                case WEEKS -> days / 7;
                case DAYS -> days;
                case HOURS -> exact.toHours();
                case MINUTES -> exact.toMinutes();
                case SECONDS -> exact.getSeconds();
            });
        });
        r.add("datetime_from_epoch", 1, 1, (env, a) -> {
            BigDecimal seconds = Values.number(a.get(0));
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).multiply(BILLION).longValue();
            return new Value.DateTime(Instant.ofEpochSecond(whole.longValueExact(), nanos).atZone(Env.ZONE));
        });
        r.add("epoch", 1, 1, (env, a) -> {
            Instant i = Values.dateTime(env, a.get(0)).toInstant();
            BigDecimal seconds = BigDecimal.valueOf(i.getEpochSecond())
                    .add(BigDecimal.valueOf(i.getNano()).divide(BILLION));
            return new Value.Num(seconds.stripTrailingZeros());
        });
        r.add("weekday", 1, 1, (env, a) -> Value.Num.of(Values.date(env, a.get(0)).getDayOfWeek().getValue() % 7));
        r.add("week_number", 1, 1, (env, a) ->
                Value.Num.of(isoWeek(Values.date(env, a.get(0)))));
        r.add("replace_time", 2, 2, (env, a) -> {
            ZonedDateTime dt = Values.dateTime(env, a.get(0));
            return new Value.DateTime(dt.with(Values.time(a.get(1))));
        });
        r.add("tz", 1, 1, (env, a) -> {
            ZoneId zone = Values.dateTime(env, a.get(0)).getZone();
            return new Value.Text(zone.getId().equals("Z") ? "UTC" : zone.getId());
        });
        r.add("tz_offset", 1, 1, (env, a) -> new Value.Text(
                DateLayout.format(Values.dateTime(env, a.get(0)), true, true, "ZZZ")));
        r.add("format_date", 1, 2, (env, a) -> {
            LocalDate d = Values.date(env, a.get(0));
            String layout = a.size() > 1 ? Values.text(a.get(1)) : DATE_FORMAT;
            return new Value.Text(DateLayout.format(d.atStartOfDay(Env.ZONE), true, false, layout));
        });
        r.add("format_datetime", 1, 3, (env, a) -> {
            ZonedDateTime dt = Values.dateTime(env, a.get(0));
            String layout = a.size() > 1 ? Values.text(a.get(1)) : DATE_FORMAT + " " + TIME_FORMAT;
            if (a.size() > 2) dt = dt.withZoneSameInstant(zone(a.get(2)));
            return new Value.Text(DateLayout.format(dt, true, true, layout));
        });
        r.add("format_time", 1, 2, (env, a) -> {
            LocalTime t = Values.time(a.get(0));
            String layout = a.size() > 1 ? Values.text(a.get(1)) : TIME_FORMAT;
            return new Value.Text(DateLayout.format(t.atDate(LocalDate.EPOCH).atZone(Env.ZONE), false, true, layout));
        });
        r.add("parse_datetime", 2, 3, (env, a) -> {
            ZoneId zone = a.size() > 2 ? zone(a.get(2)) : Env.ZONE;
            return new Value.DateTime(DateLayout.parse(Values.text(a.get(0)), Values.text(a.get(1)), zone));
        });
        r.add("parse_time", 2, 2, (env, a) -> new Value.Time(
                DateLayout.parse(Values.text(a.get(0)), Values.text(a.get(1)), Env.ZONE).toLocalTime()));
        r.add("format", 1, 1, (env, a) -> new Value.Text(format(env, a.get(0))));
    }

    /** goflow's pretty form of a value: numbers grouped, dates and times in the default formats. */
    private static String format(Env env, Value v) {
        if (v instanceof Value.Num n) return NumberFunctions.format(n.value(), -1, true);
        if (v instanceof Value.DateTime dt) {
            return DateLayout.format(dt.value(), true, true, DATE_FORMAT + " " + TIME_FORMAT);
        }
        if (v instanceof Value.Date d) return DateLayout.format(d.value().atStartOfDay(Env.ZONE), true, false, DATE_FORMAT);
        if (v instanceof Value.Time t) {
            return DateLayout.format(t.value().atDate(LocalDate.EPOCH).atZone(Env.ZONE), false, true, TIME_FORMAT);
        }
        return Values.text(v);
    }

    private static ZoneId zone(Value v) {
        String name = Values.text(v);
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new EvalException("unrecognized timezone " + Json.quote(name));
        }
    }

    /** The ISO week of the year (weeks start on Monday; week 1 holds the year's first Thursday). */
    static int isoWeek(LocalDate d) {
        int week = (d.getDayOfYear() - d.getDayOfWeek().getValue() + 10) / 7;
        if (week < 1) return isoWeek(LocalDate.of(d.getYear() - 1, 12, 31));
        if (week == 53) {
            // 53 only when 31 December falls on a Thursday, or on a Friday of a leap year... else week 1
            LocalDate last = LocalDate.of(d.getYear(), 12, 31);
            int lastDay = last.getDayOfWeek().getValue();
            if (lastDay < 4) return 1;
        }
        return week;
    }

    private enum Unit { YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS }

    private static Unit unit(String u) {
        return switch (u) {
            case "Y" -> Unit.YEARS;
            case "M" -> Unit.MONTHS;
            case "W" -> Unit.WEEKS;
            case "D" -> Unit.DAYS;
            case "h" -> Unit.HOURS;
            case "m" -> Unit.MINUTES;
            case "s" -> Unit.SECONDS;
            default -> throw new EvalException("unknown unit: " + u + ", must be one of s, m, h, D, W, M, Y");
        };
    }

}
