package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** goflow's number functions. */
final class NumberFunctions {
    private NumberFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("number", 1, 1, (env, a) -> new Value.Num(Values.number(a.get(0))));
        r.add("abs", 1, 1, (env, a) -> new Value.Num(Values.number(a.get(0)).abs()));
        r.add("round", 1, 2, (env, a) -> round(a, RoundingMode.HALF_UP));
        r.add("round_up", 1, 2, (env, a) -> round(a, RoundingMode.CEILING));
        r.add("round_down", 1, 2, (env, a) -> round(a, RoundingMode.FLOOR));
        r.add("max", 1, -1, (env, a) -> extreme(a, 1));
        r.add("min", 1, -1, (env, a) -> extreme(a, -1));
        r.add("mean", 1, -1, (env, a) -> {
            BigDecimal sum = BigDecimal.ZERO;
            for (Value v : a) sum = sum.add(Values.number(v));
            return Values.checked(Expression.divide(sum, BigDecimal.valueOf(a.size())));
        });
        r.add("mod", 2, 2, (env, a) -> {
            BigDecimal divisor = Values.number(a.get(1));
            if (divisor.signum() == 0) throw new EvalException("division by zero");
            return new Value.Num(Values.number(a.get(0)).remainder(divisor));
        });
        r.add("rand", 0, 0, (env, a) -> new Value.Num(BigDecimal.valueOf(random(env).nextDouble())));
        r.add("rand_between", 2, 2, (env, a) -> {
            BigDecimal min = Values.number(a.get(0)).setScale(0, RoundingMode.CEILING);
            BigDecimal max = Values.number(a.get(1)).setScale(0, RoundingMode.FLOOR);
            if (max.compareTo(min) < 0) throw new EvalException("max must be greater than or equal to min");
            long span = max.subtract(min).longValueExact() + 1;
            return new Value.Num(min.add(BigDecimal.valueOf(random(env).nextLong(span))));
        });
        r.add("format_number", 1, 3, (env, a) -> {
            BigDecimal n = Values.number(a.get(0));
            int places = -1;
            if (a.size() > 1) {
                places = Values.integer(a.get(1));
                if (places < 0 || places > 9) throw new EvalException("must take 0-9 number of places, got " + places);
            }
            boolean human = a.size() <= 2 || Values.bool(a.get(2));
            return new Value.Text(format(n, places, human));
        });
    }

    private static java.util.random.RandomGenerator random(Env env) {
        if (env.random() == null) throw new EvalException("no random source");
        return env.random();
    }

    private static Value round(List<Value> a, RoundingMode mode) {
        BigDecimal n = Values.number(a.get(0));
        int places = a.size() > 1 ? Values.integer(a.get(1)) : 0;
        return new Value.Num(n.setScale(places, mode).stripTrailingZeros());
    }

    private static Value extreme(List<Value> a, int sign) {
        BigDecimal best = null;
        for (Value v : a) {
            BigDecimal n = Values.number(v);
            if (best == null || n.compareTo(best) * sign > 0) best = n;
        }
        return new Value.Num(best);
    }

    /**
     * goflow's number format: {@code places} decimals (-1: as many as the number has), thousands separated by
     * commas when {@code human}.
     */
    static String format(BigDecimal n, int places, boolean human) {
        BigDecimal v = places < 0 ? n.stripTrailingZeros() : n.setScale(places, RoundingMode.HALF_UP);
        if (v.scale() < 0) v = v.setScale(0, RoundingMode.UNNECESSARY);
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        if (human) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < whole.length(); i++) {
                if (i > 0 && (whole.length() - i) % 3 == 0) b.append(',');
                b.append(whole.charAt(i));
            }
            whole = b.toString();
        }
        return (v.signum() < 0 ? "-" : "") + whole + fraction;
    }
}
