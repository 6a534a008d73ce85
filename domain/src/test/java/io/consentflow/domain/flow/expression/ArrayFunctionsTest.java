package io.consentflow.domain.flow.expression;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** goflow's array and object functions, lambdas included, with the examples of its documentation. */
class ArrayFunctionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(array("a", "b", 356)[1]) -> b
            @(array("a", "b", 356)[-1]) -> 356
            @(array("a")[3]) -> ERROR
            @(array("a", 1 / 0)) -> ERROR
            @(join(array("a", "b", "c"), "|")) -> a|b|c
            @(join(split("a.b.c", "."), " ")) -> a b c
            @(object()) -> {}
            @(object("a", 123, "b", "hello")) -> {a: 123, b: hello}
            @(object("b", 1, "a", 2)) -> {a: 2, b: 1}
            @(object("a")) -> ERROR
            @(object("foo", 1, "bar", "x").bar) -> x
            @(object("foo", 1, "bar", "x")["bar"]) -> x
            @(object("foo", 1)["nope"]) -> ``
            @(object("foo", 1).nope) -> ERROR
            @(slice(array("a", "b", "c"), 0, 2)) -> [a, b]
            @(slice(array("a", "b", "c"), 1, 3)) -> [b, c]
            @(slice(array("a", "b", "c"), 0, -1)) -> [a, b]
            @(slice(array("a", "b", "c"), 1)) -> [b, c]
            @(slice(array("a", "b", "c"), 10)) -> []
            @(contains(array("a", "b", "c"), "a")) -> true
            @(contains(array(1, 2, 3), 4)) -> false
            @(reverse(array(3, 1, 2))) -> [2, 1, 3]
            @(reverse(array("C", "A", "B"))) -> [B, A, C]
            @(sort(array(3, 1, 2))) -> [1, 2, 3]
            @(sort(array(10, 9, 100))) -> [9, 10, 100]
            @(sort(array("C", "A", "B"))) -> [A, B, C]
            @(unique(array(1, 3, 2, 3))) -> [1, 3, 2]
            @(unique(array("hi", "there", "hi"))) -> [hi, there]
            @(concat(array("a", "b"), array("c", "d"))) -> [a, b, c, d]
            @(unique(concat(array(1, 2, 3), array(3, 4)))) -> [1, 2, 3, 4]
            @(filter(array(1, 0, 2), boolean)) -> [1, 2]
            @(filter(array("a", "b", "c"), (x) => x != "c")) -> [a, b]
            @(foreach(array("a", "b", "c"), upper)) -> [A, B, C]
            @(foreach(array("a", "b", "c"), (x) => x & "1")) -> [a1, b1, c1]
            @(foreach(array("a", "b", "c"), (x) => object("v", x))) -> [{v: a}, {v: b}, {v: c}]
            @(foreach(array("the man", "fox", "jumped up"), word, 0)) -> [the, fox, jumped]
            @(foreach_value(object("a", "x", "b", "y"), upper)) -> {a: X, b: Y}
            @(foreach_value(object("a", "hi there", "b", "good bye"), word, 1)) -> {a: there, b: bye}
            @(((upper) => upper & upper)("a")) -> aa
            @(keys(object("a", 123, "b", "hello", "c", "world"))) -> [a, b, c]
            @(keys(null)) -> []
            @(keys("string")) -> ERROR
            @(extract(contact, "name")) -> Ryan Lewis
            @(extract(contact.groups[0], "name")) -> Testers
            @(extract_object(contact.groups[0], "name")) -> {name: Testers}
            @(foreach(array(1), 5)) -> ERROR
            """)
    void rendersAsGoflowDocuments(String template, String expected) {
        Eval.check(template, expected);
    }
}
