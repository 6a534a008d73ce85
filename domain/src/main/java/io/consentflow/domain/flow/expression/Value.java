package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A value of goflow's expression language ("excellent"): text, number, boolean, date, datetime, time, array,
 * object, function or error. Null is Java's {@code null}, as goflow's nil: it renders empty, is falsy and
 * describes itself as "null" ({@link Values} handles it).
 */
public sealed interface Value permits Value.Text, Value.Num, Value.Bool, Value.Date, Value.DateTime, Value.Time,
        Value.Array, Value.Obj, Value.Func, Value.Error {

    /** The value as text in a template (goflow's Render). */
    String render();

    /** The value named in an error message. */
    String describe();

    boolean truthy();

    record Text(String value) implements Value {
        public static final Text EMPTY = new Text("");

        public Text {
            Objects.requireNonNull(value, "value");
        }

        public String render() { return value; }

        public String describe() { return Json.quote(value); }

        /** Empty text and "false" in any case are falsy. */
        public boolean truthy() { return !value.isEmpty() && !value.equalsIgnoreCase("false"); }
    }

    record Num(BigDecimal value) implements Value {
        public static final Num ZERO = new Num(BigDecimal.ZERO);

        public Num {
            Objects.requireNonNull(value, "value");
        }

        public static Num of(long n) { return new Num(BigDecimal.valueOf(n)); }

        /** Without trailing zeros or exponent: 1234.5670 renders 1234.567. */
        public String render() {
            if (value.signum() == 0) return "0";
            return value.stripTrailingZeros().toPlainString();
        }

        public String describe() { return render(); }

        public boolean truthy() { return value.signum() != 0; }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean b) { return b ? TRUE : FALSE; }

        public String render() { return Boolean.toString(value); }

        public String describe() { return render(); }

        public boolean truthy() { return value; }
    }

    record Date(LocalDate value) implements Value {
        public String render() { return value.toString(); }

        public String describe() { return render(); }

        public boolean truthy() { return true; }
    }

    record DateTime(ZonedDateTime value) implements Value {
        /** ISO 8601 with microseconds, as goflow writes datetimes: 2017-01-15T10:30:00.000000Z. */
        public String render() {
            int offset = value.getOffset().getTotalSeconds();
            return String.format(Locale.ROOT, "%04d-%02d-%02dT", value.getYear(), value.getMonthValue(),
                    value.getDayOfMonth()) + Time.iso(value.toLocalTime()) + (offset == 0 ? "Z" : value.getOffset().getId());
        }

        public String describe() { return render(); }

        public boolean truthy() { return true; }
    }

    record Time(LocalTime value) implements Value {
        public String render() { return iso(value); }

        /** 16:30:45.000000, as goflow writes times. */
        static String iso(LocalTime t) {
            return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(),
                    t.getNano() / 1000);
        }

        public String describe() { return render(); }

        public boolean truthy() { return true; }
    }

    /** An array; its items may be null. */
    record Array(List<Value> items) implements Value {
        public static final Array EMPTY = new Array(List.of());

        public Array {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        public static Array of(Value... items) {
            List<Value> list = new ArrayList<>(items.length);
            Collections.addAll(list, items);
            return new Array(list);
        }

        /** [a, b, c] */
        public String render() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(Values.render(items.get(i)));
            }
            return b.append(']').toString();
        }

        public String describe() { return "array"; }

        public boolean truthy() { return !items.isEmpty(); }
    }

    /**
     * An object. One with a default (goflow's {@code __default__}, e.g. a contact's name, a result's value)
     * renders and converts as that default; others render as {@code {key: value, ...}} in key order.
     *
     * @param properties by name (values may be null); looked up case-insensitively
     * @param fallback   where a missing property is looked for next (a contact's fields), or null
     * @param lenient    a missing property is null rather than an error (a contact's fields: every field exists
     *                   for every contact, most are empty)
     * @param hasDefault whether {@code defaultValue} counts (it may itself be null)
     * @param source     the domain object this stands for (a run's result, for {@code has_category}), or null
     */
    record Obj(Map<String, Value> properties, Value defaultValue, boolean hasDefault, Obj fallback, boolean lenient,
               Object source) implements Value {
        public static final Obj EMPTY = new Obj(Map.of(), null, false, null, false, null);

        public Obj {
            // lazy properties stay lazy (and are read-only: they have no put of values)
            if (!(properties instanceof LazyProperties)) {
                properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            }
        }

        public static Obj of(Map<String, Value> properties) {
            return new Obj(properties, null, false, null, false, null);
        }

        public static Obj withDefault(Map<String, Value> properties, Value defaultValue) {
            return new Obj(properties, defaultValue, true, null, false, null);
        }

        public Obj withSource(Object source) {
            return new Obj(properties, defaultValue, hasDefault, fallback, lenient, source);
        }

        public Obj asLenient() {
            return new Obj(properties, defaultValue, hasDefault, fallback, true, source);
        }

        public Obj withFallback(Obj fallback) {
            return new Obj(properties, defaultValue, hasDefault, fallback, lenient, source);
        }

        /** Whether {@code key} names a property, in any case. */
        public boolean has(String key) {
            return find(key) != null || (fallback != null && fallback.has(key));
        }

        /** The property's value (null if it is null or absent: see {@link #has}). */
        public Value get(String key) {
            String k = find(key);
            if (k != null) return properties.get(k);
            return fallback == null ? null : fallback.get(key);
        }

        private String find(String key) {
            if (properties.containsKey(key)) return key;
            for (String k : properties.keySet()) {
                if (k.equalsIgnoreCase(key)) return k;
            }
            return null;
        }

        /** Properties sorted by name, as goflow lists them. */
        public Map<String, Value> sorted() {
            return new TreeMap<>(properties);
        }

        public String render() {
            if (hasDefault) return Values.render(defaultValue);
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, Value> e : sorted().entrySet()) {
                if (!first) b.append(", ");
                first = false;
                b.append(e.getKey()).append(": ").append(Values.render(e.getValue()));
            }
            return b.append('}').toString();
        }

        public String describe() { return "object"; }

        public boolean truthy() { return hasDefault ? Values.truthy(defaultValue) : !properties.isEmpty(); }
    }

    /** A function: a built-in one by name, or a lambda written in the expression. */
    record Func(String name, Function body) implements Value {
        public String render() { return name; }

        public String describe() { return name; }

        public boolean truthy() { return true; }
    }

    /** What a function computes from its evaluated arguments. */
    @FunctionalInterface
    interface Function {
        Value call(Env env, List<Value> args);
    }

    /** An evaluation error: renders empty, records {@code message} on the run, is caught by is_error/default. */
    record Error(String message) implements Value {
        public String render() { return ""; }

        public String describe() { return "error"; }

        public boolean truthy() { return false; }
    }
}
