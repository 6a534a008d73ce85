package io.consentflow.domain.flow.expression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** goflow's number functions, with the examples of its documentation. */
class NumberFunctionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(number(10)) -> 10
            @(number("123.45000")) -> 123.45
            @(number(" -7 ")) -> -7
            @(number("what?")) -> ERROR
            @(number("1e5")) -> ERROR
            @(abs(-10)) -> 10
            @(abs(10.5)) -> 10.5
            @(abs("foo")) -> ERROR
            @(round(12)) -> 12
            @(round(12.141)) -> 12
            @(round(12.6)) -> 13
            @(round(12.141, 2)) -> 12.14
            @(round(12.146, 2)) -> 12.15
            @(round(12.146, -1)) -> 10
            @(round("notnum", 2)) -> ERROR
            @(round_up(12)) -> 12
            @(round_up(12.141)) -> 13
            @(round_up(12.141, 2)) -> 12.15
            @(round_up("foo")) -> ERROR
            @(round_down(12.6)) -> 12
            @(round_down(12.146, 2)) -> 12.14
            @(max(1, 2)) -> 2
            @(max(1, -1, 10)) -> 10
            @(max(1, 10, "foo")) -> ERROR
            @(min(2, 2, -10)) -> -10
            @(min(1, 2, "foo")) -> ERROR
            @(mean(1, 2)) -> 1.5
            @(mean(1, 2, 6)) -> 3
            @(mean(1, "foo")) -> ERROR
            @(mod(5, 2)) -> 1
            @(mod(4, 2)) -> 0
            @(mod(5, 0)) -> ERROR
            @(mod(5, "foo")) -> ERROR
            @(format_number(1234)) -> 1,234
            @(format_number(1234.5670)) -> 1,234.567
            @(format_number(1234.5670, 2, true)) -> 1,234.57
            @(format_number(1234.5678, 0, false)) -> 1235
            @(format_number(-1234567.5, 1)) -> -1,234,567.5
            @(format_number("foo", 2, false)) -> ERROR
            @(format_number(1, 10)) -> ERROR
            @(sum(array(1, 2, "3"))) -> 6
            @(max()) -> ERROR
            """)
    void rendersAsGoflowDocuments(String template, String expected) {
        Eval.check(template, expected);
    }

    @Test
    void randomNumbersComeFromTheInjectedSource() {
        for (int i = 0; i < 50; i++) {
            int n = Integer.parseInt(Eval.evaluate("@(rand_between(1, 10))").text());
            assertTrue(n >= 1 && n <= 10, "rand_between gave " + n);
            double r = Double.parseDouble(Eval.evaluate("@(rand())").text());
            assertTrue(r >= 0 && r < 1, "rand gave " + r);
        }
        Eval.check("@(rand_between(5, 5))", "5");
        Eval.check("@(rand_between(5, 1))", "ERROR");
    }
}
