package io.consentflow.domain.flow.expression;

/** goflow's logic and utility functions: booleans, conditions, errors, defaults, counts. */
final class LogicFunctions {
    private LogicFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("boolean", 1, 1, (env, a) -> Value.Bool.of(Values.bool(a.get(0))));
        r.add("and", 1, -1, (env, a) -> {
            for (Value v : a) if (!Values.bool(v)) return Value.Bool.FALSE;
            return Value.Bool.TRUE;
        });
        r.add("or", 1, -1, (env, a) -> {
            for (Value v : a) if (Values.bool(v)) return Value.Bool.TRUE;
            return Value.Bool.FALSE;
        });
        // RapidPro's NOT, still in flows migrated from it
        r.add("not", 1, 1, (env, a) -> Value.Bool.of(!Values.bool(a.get(0))));
        r.add("if", 3, 3, (env, a) -> Values.bool(a.get(0)) ? a.get(1) : a.get(2));
        r.add("is_error", 1, 1, (env, a) -> Value.Bool.of(Values.isError(a.get(0))));
        r.add("default", 2, 2, (env, a) -> {
            Value v = a.get(0);
            return Values.isError(v) || Values.render(v).isEmpty() ? a.get(1) : v;
        });
        r.add("count", 1, 1, (env, a) -> {
            Value v = a.get(0);
            if (v == null) return Value.Num.ZERO;
            if (v instanceof Value.Error e) throw new EvalException(e.message());
            if (v instanceof Value.Array arr) return Value.Num.of(arr.items().size());
            if (v instanceof Value.Obj o) return Value.Num.of(o.properties().size());
            if (v instanceof Value.Text t) return Value.Num.of(TextFunctions.codePoints(t.value()));
            throw new EvalException("value isn't countable");
        });
        // RapidPro's LEN
        r.add("length", 1, 1, (env, a) -> {
            Value v = a.get(0);
            if (v instanceof Value.Array arr) return Value.Num.of(arr.items().size());
            return Value.Num.of(TextFunctions.codePoints(Values.text(v)));
        });
    }
}
