package io.consentflow.domain.flow.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads goflow's expression grammar. From the loosest: {@code &}; {@code = !=}; {@code < <= > >=}; {@code + -};
 * {@code * /}; {@code ^}; unary {@code -}; then calls {@code f(x)}, lookups {@code a.b}, {@code a[0]},
 * {@code a["b"]}; literals ({@code "text"}, numbers, {@code true}, {@code false}, {@code null}, in any case) and
 * lambdas {@code (x) => x & "!"}. Binary operators group to the left.
 */
public final class Parser {
    /** Deep enough for any flow; a bound so no text can exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private enum Kind { TEXT, NUMBER, NAME, OP, END }

    private record Token(Kind kind, String text, int at) {
    }

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * The expression {@code source} holds.
     *
     * @throws IllegalArgumentException naming where the syntax goes wrong
     */
    public static Expression parse(String source) {
        Parser p = new Parser(lex(source));
        Expression e = p.expression();
        if (p.peek().kind != Kind.END) throw p.syntax();
        return e;
    }

    private Expression expression() {
        if (++depth > MAX_DEPTH) throw new IllegalArgumentException("expression nesting too deep");
        try {
            return concatenation();
        } finally {
            depth--;
        }
    }

    private Expression concatenation() {
        Expression e = equality();
        while (op("&")) e = new Expression.Binary(Expression.Operator.CONCAT, e, equality());
        return e;
    }

    private Expression equality() {
        Expression e = comparison();
        while (true) {
            if (op("=")) e = new Expression.Binary(Expression.Operator.EQ, e, comparison());
            else if (op("!=")) e = new Expression.Binary(Expression.Operator.NEQ, e, comparison());
            else return e;
        }
    }

    private Expression comparison() {
        Expression e = additive();
        while (true) {
            if (op("<=")) e = new Expression.Binary(Expression.Operator.LTE, e, additive());
            else if (op("<")) e = new Expression.Binary(Expression.Operator.LT, e, additive());
            else if (op(">=")) e = new Expression.Binary(Expression.Operator.GTE, e, additive());
            else if (op(">")) e = new Expression.Binary(Expression.Operator.GT, e, additive());
            else return e;
        }
    }

    private Expression additive() {
        Expression e = multiplicative();
        while (true) {
            if (op("+")) e = new Expression.Binary(Expression.Operator.ADD, e, multiplicative());
            else if (op("-")) e = new Expression.Binary(Expression.Operator.SUB, e, multiplicative());
            else return e;
        }
    }

    private Expression multiplicative() {
        Expression e = exponent();
        while (true) {
            if (op("*")) e = new Expression.Binary(Expression.Operator.MUL, e, exponent());
            else if (op("/")) e = new Expression.Binary(Expression.Operator.DIV, e, exponent());
            else return e;
        }
    }

    private Expression exponent() {
        Expression e = unary();
        while (op("^")) e = new Expression.Binary(Expression.Operator.POW, e, unary());
        return e;
    }

    private Expression unary() {
        if (op("-")) {
            if (++depth > MAX_DEPTH) throw new IllegalArgumentException("expression nesting too deep");
            try {
                return new Expression.Negate(unary());
            } finally {
                depth--;
            }
        }
        return primary();
    }

    private Expression primary() {
        Token t = peek();
        switch (t.kind) {
            case TEXT:
                pos++;
                return new Expression.Literal(new Value.Text(t.text));
            case NUMBER:
                pos++;
                return new Expression.Literal(new Value.Num(new BigDecimal(t.text)));
            case NAME:
                String lower = t.text.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    pos++;
                    return new Expression.Literal(Value.Bool.of(lower.equals("true")));
                }
                if (lower.equals("null")) {
                    pos++;
                    return new Expression.Literal(null);
                }
                pos++;
                return postfix(new Expression.Name(t.text));
            case OP:
                if (t.text.equals("(")) {
                    Expression lambda = lambda();
                    if (lambda != null) return lambda;
                    pos++;
                    Expression inner = expression();
                    expect(")");
                    return postfix(inner);
                }
                throw syntax();
            default:
                throw syntax();
        }
    }

    /** {@code (a, b) => body}, if that is what follows; else nothing is consumed. */
    private Expression lambda() {
        int start = pos;
        pos++;
        List<String> names = new ArrayList<>();
        while (peek().kind == Kind.NAME) {
            names.add(tokens.get(pos++).text.toLowerCase(Locale.ROOT));
            if (!op(",")) break;
        }
        if (!names.isEmpty() && op(")") && op("=>")) return new Expression.Lambda(names, expression());
        pos = start;
        return null;
    }

    private Expression postfix(Expression e) {
        while (true) {
            if (op("(")) {
                List<Expression> args = new ArrayList<>();
                if (!op(")")) {
                    do {
                        args.add(expression());
                    } while (op(","));
                    expect(")");
                }
                e = new Expression.Call(e, args);
            } else if (op(".")) {
                Token t = peek();
                if (t.kind != Kind.NAME && !(t.kind == Kind.NUMBER && t.text.chars().allMatch(Character::isDigit))) {
                    throw syntax();
                }
                pos++;
                e = new Expression.Lookup(e, new Expression.Literal(new Value.Text(t.text)), true);
            } else if (op("[")) {
                Expression key = expression();
                expect("]");
                e = new Expression.Lookup(e, key, false);
            } else {
                return e;
            }
        }
    }

    private boolean op(String symbol) {
        Token t = peek();
        if (t.kind == Kind.OP && t.text.equals(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!op(symbol)) throw syntax();
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private IllegalArgumentException syntax() {
        Token t = peek();
        return new IllegalArgumentException(t.kind == Kind.END ? "syntax error at end of expression"
                : "syntax error at '" + t.text + "'");
    }

    // ---- the tokens ------------------------------------------------------------------------------------------

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        char e = s.charAt(j + 1);
                        switch (e) {
                            case '"' -> b.append('"');
                            case '\\' -> b.append('\\');
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            case 'r' -> b.append('\r');
                            default -> b.append(d).append(e);
                        }
                        j += 2;
                    } else if (d == '"') {
                        closed = true;
                        j++;
                        break;
                    } else {
                        b.append(d);
                        j++;
                    }
                }
                if (!closed) throw new IllegalArgumentException("syntax error: text without its closing quote");
                out.add(new Token(Kind.TEXT, b.toString(), i));
                i = j;
            } else if (c >= '0' && c <= '9') {
                int j = i;
                while (j < n && isAsciiDigit(s.charAt(j))) j++;
                if (j + 1 < n && s.charAt(j) == '.' && isAsciiDigit(s.charAt(j + 1))) {
                    j++;
                    while (j < n && isAsciiDigit(s.charAt(j))) j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || Character.isSurrogate(c)
                    && Character.isLetter(s.codePointAt(i))) {
                int j = i;
                while (j < n) {
                    int cp = s.codePointAt(j);
                    if (!nameChar(cp)) break;
                    j += Character.charCount(cp);
                }
                out.add(new Token(Kind.NAME, s.substring(i, j), i));
                i = j;
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("=>")) {
                    out.add(new Token(Kind.OP, two, i));
                    i += 2;
                } else if ("()[].,+-*/^=<>&".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), i));
                    i++;
                } else {
                    throw new IllegalArgumentException("syntax error at '" + new String(Character.toChars(s.codePointAt(i))) + "'");
                }
            }
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, digits and underscores; marks too, which Indic result names need ("नाम"). */
    static boolean nameChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || cp == '_' || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
