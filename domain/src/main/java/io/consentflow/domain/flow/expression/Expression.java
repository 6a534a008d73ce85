package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed expression (the inside of {@code @(...)}, or the path of {@code @contact.name}). Evaluating never
 * throws: what goes wrong is an {@link Value.Error}.
 */
public sealed interface Expression {
    /** The value of this expression with {@code env}'s context. */
    default Value evaluate(Env env) {
        return eval(env, Scope.EMPTY);
    }

    Value eval(Env env, Scope scope);

    /** A lambda's parameters, innermost first. */
    record Scope(Map<String, Value> names, Scope parent) {
        static final Scope EMPTY = new Scope(Map.of(), null);

        boolean has(String name) {
            return names.containsKey(name) || (parent != null && parent.has(name));
        }

        Value get(String name) {
            if (names.containsKey(name)) return names.get(name);
            return parent.get(name);
        }
    }

    record Literal(Value value) implements Expression {
        public Value eval(Env env, Scope scope) { return value; }
    }

    /** A top-level name: a lambda's parameter, a root of the context, or a function. */
    record Name(String name) implements Expression {
        public Value eval(Env env, Scope scope) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (scope.has(lower)) return scope.get(lower);
            if (env.context().has(lower)) return env.context().get(lower);
            Value.Func f = Functions.get(lower);
            if (f != null) return f;
            return new Value.Error("context has no property '" + name + "'");
        }
    }

    /** {@code a.b} (an error when {@code b} is missing) or {@code a["b"]} / {@code a[0]} (null when missing). */
    record Lookup(Expression container, Expression key, boolean dot) implements Expression {
        public Value eval(Env env, Scope scope) {
            Value c = container.eval(env, scope);
            if (c instanceof Value.Error) return c;
            Value k = key.eval(env, scope);
            if (k instanceof Value.Error) return k;
            try {
                if (c instanceof Value.Array a) {
                    int i = Values.integer(k);
                    int n = a.items().size();
                    if (i >= n || i < -n) return new Value.Error("index " + i + " out of range for " + n + " items");
                    return a.items().get(i < 0 ? i + n : i);
                }
                if (c instanceof Value.Obj o) {
                    String property = Values.text(k);
                    if (o.has(property)) return o.get(property);
                    if (!dot || o.lenient()) return null;
                    return new Value.Error(o.describe() + " has no property '" + property + "'");
                }
            } catch (EvalException e) {
                return new Value.Error(e.getMessage());
            }
            return new Value.Error(Values.describe(c) + " doesn't support lookups");
        }
    }

    record Call(Expression function, List<Expression> arguments) implements Expression {
        public Value eval(Env env, Scope scope) {
            Value f = function.eval(env, scope);
            if (f instanceof Value.Error) return f;
            if (!(f instanceof Value.Func func)) return new Value.Error(Values.describe(f) + " is not a function");
            List<Value> args = new ArrayList<>(arguments.size());
            for (Expression a : arguments) args.add(a.eval(env, scope));
            return Functions.call(func, env, args);
        }
    }

    record Lambda(List<String> parameters, Expression body) implements Expression {
        public Value eval(Env env, Scope scope) {
            return new Value.Func("(" + String.join(", ", parameters) + ") => ...", (e, args) -> {
                if (args.size() != parameters.size()) {
                    throw new EvalException("function takes " + parameters.size() + " argument(s), got " + args.size());
                }
                Map<String, Value> names = new HashMap<>();
                for (int i = 0; i < parameters.size(); i++) names.put(parameters.get(i), args.get(i));
                return body.eval(e, new Scope(names, scope));
            });
        }
    }

    record Negate(Expression operand) implements Expression {
        public Value eval(Env env, Scope scope) {
            Value v = operand.eval(env, scope);
            try {
                return new Value.Num(Values.number(v).negate());
            } catch (EvalException e) {
                return new Value.Error(e.getMessage());
            }
        }
    }

    enum Operator {
        CONCAT("&"), EQ("="), NEQ("!="), LT("<"), LTE("<="), GT(">"), GTE(">="), ADD("+"), SUB("-"), MUL("*"),
        DIV("/"), POW("^");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** goflow's operators: {@code &} and {@code = !=} on text, the rest on numbers. */
    record Binary(Operator op, Expression left, Expression right) implements Expression {
        private static final BigDecimal MAX_POWER = BigDecimal.valueOf(999);

        public Value eval(Env env, Scope scope) {
            Value a = left.eval(env, scope);
            Value b = right.eval(env, scope);
            try {
                switch (op) {
                    case CONCAT:
                        return new Value.Text(Values.text(a) + Values.text(b));
                    case EQ:
                        return Value.Bool.of(Values.textEqual(a, b));
                    case NEQ:
                        return Value.Bool.of(!Values.textEqual(a, b));
                    default:
                        return numeric(Values.number(a), Values.number(b));
                }
            } catch (EvalException | ArithmeticException e) {
                return new Value.Error(e.getMessage());
            }
        }

        private Value numeric(BigDecimal x, BigDecimal y) {
            switch (op) {
                case LT:
                    return Value.Bool.of(x.compareTo(y) < 0);
                case LTE:
                    return Value.Bool.of(x.compareTo(y) <= 0);
                case GT:
                    return Value.Bool.of(x.compareTo(y) > 0);
                case GTE:
                    return Value.Bool.of(x.compareTo(y) >= 0);
                case ADD:
                    return Values.checked(x.add(y));
                case SUB:
                    return Values.checked(x.subtract(y));
                case MUL:
                    return Values.checked(x.multiply(y));
                case DIV:
                    if (y.signum() == 0) throw new EvalException("division by zero");
                    return Values.checked(divide(x, y));
                case POW:
                    return power(x, y);
                default:
                    throw new IllegalStateException("not a numeric operator: " + op);
            }
        }

        private static Value power(BigDecimal x, BigDecimal y) {
            if (y.signum() >= 0 && y.stripTrailingZeros().scale() <= 0 && y.compareTo(MAX_POWER) <= 0) {
                return Values.checked(x.pow(y.intValueExact()));
            }
            double r = Math.pow(x.doubleValue(), y.doubleValue());
            if (Double.isNaN(r) || Double.isInfinite(r)) throw new EvalException("number value out of range");
            return Values.checked(new BigDecimal(r, MathContext.DECIMAL64));
        }
    }

    /** Sixteen decimal places, as goflow divides. */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        return x.divide(y, 16, RoundingMode.HALF_UP);
    }
}
