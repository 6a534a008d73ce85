package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** goflow's array and object functions, lambdas included ({@code foreach}, {@code filter}). */
final class ArrayFunctions {
    private static final int MAX_ITEMS = 10_000;

    private ArrayFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("array", 0, -1, (env, a) -> {
            for (Value v : a) if (v instanceof Value.Error e) throw new EvalException(e.message());
            return new Value.Array(a);
        });
        r.add("object", 0, -1, (env, a) -> {
            if (a.size() % 2 != 0) throw new EvalException("requires an even number of arguments");
            Map<String, Value> props = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i += 2) {
                Value v = a.get(i + 1);
                if (v instanceof Value.Error e) throw new EvalException(e.message());
                props.put(Values.text(a.get(i)), v);
            }
            return Value.Obj.of(props);
        });
        r.add("slice", 2, 3, (env, a) -> {
            List<Value> items = Values.array(a.get(0));
            int n = items.size();
            int start = Values.integer(a.get(1));
            int end = a.size() > 2 ? Values.integer(a.get(2)) : n;
            if (start < 0) start += n;
            if (end < 0) end += n;
            start = Math.max(0, Math.min(start, n));
            end = Math.max(0, Math.min(end, n));
            return start >= end ? Value.Array.EMPTY : new Value.Array(items.subList(start, end));
        });
        r.add("contains", 2, 2, (env, a) -> {
            for (Value v : Values.array(a.get(0))) if (same(v, a.get(1))) return Value.Bool.TRUE;
            return Value.Bool.FALSE;
        });
        r.add("join", 2, 2, (env, a) -> {
            String sep = Values.text(a.get(1));
            StringBuilder b = new StringBuilder();
            List<Value> items = Values.array(a.get(0));
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) b.append(sep);
                b.append(Values.text(items.get(i)));
            }
            return new Value.Text(b.toString());
        });
        r.add("reverse", 1, 1, (env, a) -> {
            List<Value> items = new ArrayList<>(Values.array(a.get(0)));
            java.util.Collections.reverse(items);
            return new Value.Array(items);
        });
        r.add("sort", 1, 1, (env, a) -> {
            List<Value> items = new ArrayList<>(Values.array(a.get(0)));
            boolean numbers = items.stream().allMatch(v -> v instanceof Value.Num);
            if (numbers) items.sort(Comparator.comparing(v -> ((Value.Num) v).value()));
            else items.sort(Comparator.comparing(Values::text));
            return new Value.Array(items);
        });
        r.add("sum", 1, 1, (env, a) -> {
            BigDecimal sum = BigDecimal.ZERO;
            for (Value v : Values.array(a.get(0))) sum = sum.add(Values.number(v));
            return Values.checked(sum);
        });
        r.add("unique", 1, 1, (env, a) -> {
            List<Value> out = new ArrayList<>();
            for (Value v : Values.array(a.get(0))) {
                if (out.stream().noneMatch(o -> same(o, v))) out.add(v);
            }
            return new Value.Array(out);
        });
        r.add("concat", 2, 2, (env, a) -> {
            List<Value> out = new ArrayList<>(Values.array(a.get(0)));
            out.addAll(Values.array(a.get(1)));
            if (out.size() > MAX_ITEMS) throw new EvalException("cannot build an array with more than " + MAX_ITEMS + " items");
            return new Value.Array(out);
        });
        r.add("filter", 2, 2, (env, a) -> {
            Value.Func f = function(a.get(1));
            List<Value> out = new ArrayList<>();
            for (Value v : Values.array(a.get(0))) {
                if (Values.bool(Functions.call(f, env, List.of(v)))) out.add(v);
            }
            return new Value.Array(out);
        });
        r.add("foreach", 2, -1, (env, a) -> {
            Value.Func f = function(a.get(1));
            List<Value> out = new ArrayList<>();
            for (Value v : Values.array(a.get(0))) {
                Value result = Functions.call(f, env, withExtra(v, a));
                if (result instanceof Value.Error e) throw new EvalException(e.message());
                out.add(result);
            }
            return new Value.Array(out);
        });
        r.add("foreach_value", 2, -1, (env, a) -> {
            Value.Obj o = Values.object(a.get(0));
            Value.Func f = function(a.get(1));
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : o.properties().entrySet()) {
                Value result = Functions.call(f, env, withExtra(e.getValue(), a));
                if (result instanceof Value.Error err) throw new EvalException(err.message());
                out.put(e.getKey(), result);
            }
            return Value.Obj.of(out);
        });
        r.add("keys", 1, 1, (env, a) -> {
            if (a.get(0) != null && !(a.get(0) instanceof Value.Obj)) {
                throw new EvalException("unable to convert " + Values.describe(a.get(0)) + " to an object");
            }
            List<Value> keys = new ArrayList<>();
            for (String k : Values.object(a.get(0)).sorted().keySet()) keys.add(new Value.Text(k));
            return new Value.Array(keys);
        });
        r.add("extract", 2, 2, (env, a) -> {
            Value.Obj o = Values.object(a.get(0));
            return o.get(Values.text(a.get(1)));
        });
        r.add("extract_object", 2, -1, (env, a) -> {
            Value.Obj o = Values.object(a.get(0));
            Map<String, Value> out = new LinkedHashMap<>();
            for (Value k : a.subList(1, a.size())) {
                String key = Values.text(k);
                out.put(key, o.get(key));
            }
            return Value.Obj.of(out);
        });
    }

    private static Value.Func function(Value v) {
        if (v instanceof Value.Func f) return f;
        throw new EvalException(Values.describe(v) + " is not a function");
    }

    private static List<Value> withExtra(Value first, List<Value> args) {
        List<Value> call = new ArrayList<>(args.size() - 1);
        call.add(first);
        call.addAll(args.subList(2, args.size()));
        return call;
    }

    /** goflow's equality of values: same type and same value (numbers by value, 1.0 is 1). */
    static boolean same(Value x, Value y) {
        if (x == null || y == null) return x == y;
        if (x.getClass() != y.getClass()) return false;
        if (x instanceof Value.Num n) return n.value().compareTo(((Value.Num) y).value()) == 0;
        if (x instanceof Value.Array || x instanceof Value.Obj) return Json.write(x).equals(Json.write(y));
        return Objects.equals(x, y);
    }
}
