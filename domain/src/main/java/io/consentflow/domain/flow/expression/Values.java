package io.consentflow.domain.flow.expression;

import io.consentflow.domain.flow.router.Dates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * goflow's conversions between the types of {@link Value}, null included. A conversion that cannot be made
 * throws {@link EvalException} with goflow's words ("unable to convert "foo" to a number"); an error value
 * converts to nothing and carries its own message on.
 */
public final class Values {
    private static final Pattern DECIMAL = Pattern.compile("-?(?:[0-9]+|[0-9]+\\.[0-9]+|\\.[0-9]+)");
    /** goflow's bounds on numbers: 36 significant digits, magnitudes within 10^±100. */
    private static final int MAX_DIGITS = 36;
    private static final int MAX_MAGNITUDE = 100;

    private Values() {
    }

    public static String render(Value v) {
        return v == null ? "" : v.render();
    }

    public static boolean truthy(Value v) {
        return v != null && v.truthy();
    }

    public static String describe(Value v) {
        return v == null ? "null" : v.describe();
    }

    public static boolean isError(Value v) {
        return v instanceof Value.Error;
    }

    static EvalException cannot(Value v, String type) {
        return new EvalException("unable to convert " + describe(v) + " to " + type);
    }

    private static void rethrowError(Value v) {
        if (v instanceof Value.Error e) throw new EvalException(e.message());
    }

    private static Value defaultOf(Value v) {
        return v instanceof Value.Obj o && o.hasDefault() ? o.defaultValue() : v;
    }

    /** Text of any value but an error (null is empty). */
    public static String text(Value v) {
        rethrowError(v);
        return render(v);
    }

    public static BigDecimal number(Value v) {
        rethrowError(v);
        Value d = defaultOf(v);
        if (d != v) return number(d);
        if (v instanceof Value.Num n) return n.value();
        if (v instanceof Value.Text t) {
            Optional<BigDecimal> parsed = parseNumber(t.value());
            if (parsed.isPresent()) return parsed.get();
        }
        throw cannot(v, "a number");
    }

    /** A number as goflow reads one from text: optional minus, digits, optional fraction; nothing else. */
    public static Optional<BigDecimal> parseNumber(String text) {
        String s = text.strip();
        if (!DECIMAL.matcher(s).matches()) return Optional.empty();
        return Optional.of(new BigDecimal(s));
    }

    /** Checks a computed number is within goflow's range. */
    static Value.Num checked(BigDecimal n) {
        if (n.signum() == 0) return Value.Num.ZERO;
        BigDecimal s = n.stripTrailingZeros();
        if (s.precision() > MAX_DIGITS) throw new EvalException("number has too many digits");
        int magnitude = s.precision() - s.scale() - 1;
        if (magnitude > MAX_MAGNITUDE || magnitude < -MAX_MAGNITUDE) throw new EvalException("number value out of range");
        return new Value.Num(n);
    }

    /** The integer part of a number. */
    public static int integer(Value v) {
        BigDecimal n = number(v);
        BigDecimal whole = n.setScale(0, java.math.RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new EvalException("number value " + new Value.Num(n).render() + " is out of range for an integer");
        }
        return whole.intValueExact();
    }

    public static boolean bool(Value v) {
        rethrowError(v);
        if (v instanceof Value.Bool b) return b.value();
        return truthy(v);
    }

    public static LocalDate date(Env env, Value v) {
        rethrowError(v);
        Value d = defaultOf(v);
        if (d != v) return date(env, d);
        if (v instanceof Value.Date date) return date.value();
        if (v instanceof Value.DateTime dt) return dt.value().toLocalDate();
        if (v instanceof Value.Text t) {
            Optional<LocalDateTime> found = Dates.find(t.value(), midnight(env));
            if (found.isPresent()) return found.get().toLocalDate();
        }
        throw cannot(v, "a date");
    }

    public static ZonedDateTime dateTime(Env env, Value v) {
        rethrowError(v);
        Value d = defaultOf(v);
        if (d != v) return dateTime(env, d);
        if (v instanceof Value.DateTime dt) return dt.value();
        if (v instanceof Value.Date date) return date.value().atStartOfDay(Env.ZONE);
        if (v instanceof Value.Text t) {
            Optional<LocalDateTime> found = Dates.find(t.value(), midnight(env));
            if (found.isPresent()) return found.get().atZone(Env.ZONE);
        }
        throw cannot(v, "a datetime");
    }

    public static LocalTime time(Value v) {
        rethrowError(v);
        Value d = defaultOf(v);
        if (d != v) return time(d);
        if (v instanceof Value.Time t) return t.value();
        if (v instanceof Value.DateTime dt) return dt.value().toLocalTime();
        if (v instanceof Value.Text t) {
            Optional<LocalTime> found = Dates.time(t.value());
            if (found.isPresent()) return found.get();
        }
        if (v instanceof Value.Num n && n.value().signum() >= 0 && n.value().compareTo(BigDecimal.valueOf(24)) < 0) {
            return LocalTime.of(n.value().intValue(), 0);
        }
        throw cannot(v, "a time");
    }

    /** Arrays as they are; null is the empty array. */
    public static List<Value> array(Value v) {
        rethrowError(v);
        if (v == null) return List.of();
        if (v instanceof Value.Array a) return a.items();
        throw cannot(v, "an array");
    }

    /** Objects as they are; null is the empty object. */
    public static Value.Obj object(Value v) {
        rethrowError(v);
        if (v == null) return Value.Obj.EMPTY;
        if (v instanceof Value.Obj o) return o;
        throw cannot(v, "an object");
    }

    /** goflow's equality of two values in expressions: equal as text. */
    public static boolean textEqual(Value a, Value b) {
        return text(a).equals(text(b));
    }

    /** Whole days are dates (two-digit years pivot on the sprint's year); the time of day is not filled. */
    private static LocalDateTime midnight(Env env) {
        return env == null ? null : env.zonedNow().toLocalDate().atStartOfDay();
    }
}
