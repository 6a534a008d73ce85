package io.consentflow.domain.flow.expression;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * goflow's built-in functions by name, one family per class ({@link TextFunctions}, {@link NumberFunctions},
 * {@link LogicFunctions}, {@link ArrayFunctions}, {@link DateFunctions}, {@link JsonFunctions}). Names are
 * matched in any case. A function that cannot compute its value returns an error, never throws.
 */
public final class Functions {
    private static final Map<String, Value.Func> ALL;

    static {
        Map<String, Value.Func> all = new HashMap<>();
        Registry r = (name, min, max, body) -> {
            Value.Function checked = (env, args) -> {
                if (args.size() < min || (max >= 0 && args.size() > max)) {
                    throw new EvalException(name + " takes " + arity(min, max) + ", got " + args.size());
                }
                return body.call(env, args);
            };
            if (all.put(name, new Value.Func(name, checked)) != null) {
                throw new IllegalStateException("function " + name + " defined twice");
            }
        };
        TextFunctions.register(r);
        NumberFunctions.register(r);
        LogicFunctions.register(r);
        ArrayFunctions.register(r);
        DateFunctions.register(r);
        JsonFunctions.register(r);
        ALL = Collections.unmodifiableMap(all);
    }

    private Functions() {
    }

    /** How each family adds its functions: {@code max} -1 for any number of arguments. */
    @FunctionalInterface
    interface Registry {
        void add(String name, int min, int max, Value.Function body);
    }

    /** The function of this (lower-case) name, or null. */
    static Value.Func get(String name) {
        return ALL.get(name);
    }

    /** Every function's name, sorted (the docs list them). */
    public static Set<String> names() {
        return new TreeSet<>(ALL.keySet());
    }

    /** Calls {@code f}; what it cannot compute is an error value. */
    static Value call(Value.Func f, Env env, List<Value> args) {
        try {
            return f.body().call(env, args);
        } catch (EvalException | ArithmeticException | IllegalArgumentException e) {
            return new Value.Error(e.getMessage() == null ? f.name() + " failed" : e.getMessage());
        }
    }

    private static String arity(int min, int max) {
        if (min == max) return min + (min == 1 ? " argument" : " arguments");
        if (max < 0) return "at least " + min + (min == 1 ? " argument" : " arguments");
        return min + " to " + max + " arguments";
    }
}
