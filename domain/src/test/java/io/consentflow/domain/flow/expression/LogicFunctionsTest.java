package io.consentflow.domain.flow.expression;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** goflow's logic and utility functions, with the examples of its documentation. */
class LogicFunctionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(boolean(array(1, 2))) -> true
            @(boolean("FALSE")) -> false
            @(boolean("")) -> false
            @(boolean(0)) -> false
            @(boolean(1 / 0)) -> ERROR
            @(and(true)) -> true
            @(and(true, false, true)) -> false
            @(or(true)) -> true
            @(or(true, false, true)) -> true
            @(or(false, "")) -> false
            @(not(false)) -> true
            @(and()) -> ERROR
            @(if(1 = 1, "foo", "bar")) -> foo
            @(if(fields.age > 18, "adult", "child")) -> adult
            @(if("foo" > "bar", "foo", "bar")) -> ERROR
            @(is_error(datetime("foo"))) -> true
            @(is_error(run.not.existing)) -> true
            @(is_error("hello")) -> false
            @(count(contact.fields)) -> 2
            @(count(array())) -> 0
            @(count(array("a", "b", "c"))) -> 3
            @(count(1234)) -> ERROR
            @(default(undeclared.var, "default_value")) -> default_value
            @(default("10", "20")) -> 10
            @(default("", "value")) -> value
            @(default("  ", "value")) -> `  `
            @(default(datetime("invalid-date"), "today")) -> today
            @(default(fields.missing, "none")) -> none
            @(length("hello")) -> 5
            """)
    void rendersAsGoflowDocuments(String template, String expected) {
        Eval.check(template, expected);
    }
}
