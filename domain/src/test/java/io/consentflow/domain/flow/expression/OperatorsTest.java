package io.consentflow.domain.flow.expression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** goflow's operators, their precedence, literals, lookups and what goes wrong. */
class OperatorsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @("hello" & " " & "bar") -> hello bar
            @("hello" & null) -> hello
            @("hello" = "hello") -> true
            @("hello" = "bar") -> false
            @(1 = "1") -> true
            @(1.0 = "1") -> true
            @("Hello" = "hello") -> false
            @("hello" != "bar") -> true
            @(-fields.age) -> -23
            @(2 + 3) -> 5
            @(fields.age + 10) -> 33
            @(2 - 3) -> -1
            @(fields.age * 3) -> 69
            @(4 / 2) -> 2
            @(3 / 2) -> 1.5
            @(10 / 3) -> 3.3333333333333333
            @(46 / fields.age) -> 2
            @(3 / 0) -> ERROR
            @(2 ^ 8) -> 256
            @(2 ^ 0.5) -> 1.414213562373095
            @(2 ^ 400) -> ERROR
            @(2 < 3) -> true
            @(3 <= 3) -> true
            @(4 > 3) -> true
            @(2 >= 3) -> false
            @("a" < 3) -> ERROR
            @(1 + 2 * 3) -> 7
            @((1 + 2) * 3) -> 9
            @(2 * 3 ^ 2) -> 18
            @(-2 ^ 2) -> 4
            @(2 ^ 3 ^ 2) -> 64
            @(10 - 4 - 3) -> 3
            @(12 / 2 / 3) -> 2
            @(1 + 1 = 2) -> true
            @(1 < 2 = 2 > 1) -> true
            @("a" & 1 + 1) -> a2
            @("x" & 1 = 1) -> xtrue
            @(TRUE) -> true
            @(False) -> false
            @(NULL) -> ``
            @(true & false) -> truefalse
            @("say \\"hi\\"") -> say "hi"
            @(contact.name) -> Ryan Lewis
            @(CONTACT.NAME) -> Ryan Lewis
            @(contact["name"]) -> Ryan Lewis
            @(contact.groups[0].name) -> Testers
            @(contact.groups[5]) -> ERROR
            @(contact.name.first) -> ERROR
            @(nothing) -> ERROR
            @(upper) -> upper
            @(5()) -> ERROR
            @(upper("a", "b")) -> ERROR
            @(1 +) -> ERROR
            @(1 2) -> ERROR
            @("open) -> @("open)
            @(a ? b) -> ERROR
            @() -> ERROR
            """)
    void evaluatesAsGoflowDoes(String template, String expected) {
        Eval.check(template, expected);
    }

    @Test
    void errorsSayWhatWentWrongInGoflowsWords() {
        assertEquals(List.of("error evaluating @(3 / 0): division by zero"), Eval.evaluate("x @(3 / 0)").errors());
        assertEquals(List.of("error evaluating @(number(\"what?\")): unable to convert \"what?\" to a number"),
                Eval.evaluate("@(number(\"what?\"))").errors());
        assertEquals(List.of("error evaluating @results.nope: object has no property 'nope'"),
                Eval.evaluate("@results.nope").errors());
        assertEquals(List.of("error evaluating @(nothing.x): context has no property 'nothing'"),
                Eval.evaluate("@(nothing.x)").errors());
        assertEquals(List.of("error evaluating @(1 +): syntax error at end of expression"),
                Eval.evaluate("@(1 +)").errors());
        assertEquals(List.of("error evaluating @(upper()): upper takes 1 argument, got 0"),
                Eval.evaluate("@(upper())").errors());
    }

    @Test
    void nestingIsBounded() {
        String deep = "(".repeat(500) + "1" + ")".repeat(500);
        assertThrows(IllegalArgumentException.class, () -> Parser.parse(deep));
        assertThrows(IllegalArgumentException.class, () -> Parser.parse("-".repeat(500) + "1"));
        Eval.check("@(" + "(".repeat(20) + "1" + ")".repeat(20) + ")", "1");
    }

    /** Sums and products of random decimals agree with BigDecimal's, and render without trailing zeros. */
    @Test
    void arithmeticIsExactDecimal() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            BigDecimal a = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(5));
            BigDecimal b = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(5));
            Env env = new Env(new Context(Map.of()), Eval.NOW, null);
            Value sum = Parser.parse(a.toPlainString() + " + " + b.toPlainString().replace("-", "- ").replace("- ", "-")
                    .replaceFirst("^-", "0 - ")).evaluate(env);
            String expectedSum = a.add(b).signum() == 0 ? "0" : a.add(b).stripTrailingZeros().toPlainString();
            assertEquals(expectedSum, Values.render(sum), a + " + " + b);
            Value product = Parser.parse("(" + a.toPlainString() + ") * (" + b.toPlainString() + ")").evaluate(env);
            BigDecimal p = a.multiply(b);
            assertEquals(p.signum() == 0 ? "0" : p.stripTrailingZeros().toPlainString(), Values.render(product));
            assertTrue(!Values.render(product).contains("E"), "no exponent: " + Values.render(product));
        }
    }
}
