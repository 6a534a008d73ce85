package io.consentflow.domain.flow.expression;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** goflow's text functions, with the examples of its documentation. */
class TextFunctionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(text(3 = 3)) -> true
            @(json(text(123.45))) -> "123.45"
            @(text(1 / 0)) -> ERROR
            @(upper("Asdf")) -> ASDF
            @(upper(123)) -> 123
            @(lower("HellO")) -> hello
            @(lower("😀")) -> 😀
            @(title("ryan lewis")) -> Ryan Lewis
            @(title("RYAN LEWIS")) -> Ryan Lewis
            @(title(123)) -> 123
            @(code("a")) -> 97
            @(code("😀")) -> 128512
            @(code(15)) -> 49
            @(code("")) -> ERROR
            @(char(33)) -> !
            @(char(128512)) -> 😀
            @(char("foo")) -> ERROR
            @(split("a b c")) -> [a, b, c]
            @(split("a", " ")) -> [a]
            @(split("abc..d", ".")) -> [abc, d]
            @(split("a.b.c.", ".")) -> [a, b, c]
            @(split("a|b,c  d", " .|,")) -> [a, b, c, d]
            @(trim(" hello world    ")) -> hello world
            @(trim("+123157568", "+")) -> 123157568
            @("*" & trim_left(" hello world   ") & "*") -> `*hello world   *`
            @(trim_left("+12345+", "+")) -> 12345+
            @("*" & trim_right(" hello world   ") & "*") -> `* hello world*`
            @(trim_right("+12345+", "+")) -> +12345
            @(word("bee cat dog", 0)) -> bee
            @(word("bee.cat,dog", 1)) -> cat
            @(word("bee.cat,dog", -1)) -> dog
            @(word("bee.*cat,dog", 1, ".*=|")) -> cat,dog
            @(word("O'Grady O'Flaggerty", 1, " ")) -> O'Flaggerty
            @(word("one", 3)) -> ERROR
            @(remove_first_word("foo bar")) -> bar
            @(remove_first_word("Hi there. I'm a flow!")) -> there. I'm a flow!
            @(word_slice("bee cat dog", 0, 1)) -> bee
            @(word_slice("bee cat dog", 1, -1)) -> cat dog
            @(word_slice("bee cat dog", 1)) -> cat dog
            @(word_slice("bee cat dog", 3, 10)) -> ``
            @(word_count("foo bar")) -> 2
            @(word_count(10)) -> 1
            @(word_count("")) -> 0
            @(word_count("😀😃😄😁")) -> 4
            @(word_count("bee.*cat,dog", ".*=|")) -> 2
            @(field("a,b,c", 1, ",")) -> b
            @(field("a,,b,c", 1, ",")) -> ``
            @(field("a   b c", 1, " ")) -> b
            @(field("a,b,c", "foo", ",")) -> ERROR
            @(clean("😃 Hello \\nwo\\tr\\rld")) -> 😃 Hello world
            @(text_slice("hello", 2)) -> llo
            @(text_slice("hello", 1, 3)) -> el
            @(text_slice("hello😁", -3, -1)) -> lo
            @(text_slice("hello", 7)) -> ``
            @(left("hello", 2)) & @(right("hello", 3)) -> he & llo
            @(regex_match("sda34dfddg67", "\\d+")) -> 34
            @(regex_match("Bob Smith", "(\\w+) (\\w+)", 2)) -> Smith
            @(regex_match("Bob Smith", "(\\w+) (\\w+)", 5)) -> ERROR
            @(regex_match("abc", "[\\.")) -> ERROR
            @(text_length("abc")) -> 3
            @(text_length(array(2, 3))) -> 6
            @(text_compare("abc", "abc")) -> 0
            @(text_compare("abc", "def")) -> -1
            @(text_compare("zzz", "aaa")) -> 1
            @(repeat("*", 8)) -> ********
            @(repeat("*", "foo")) -> ERROR
            @(repeat("ab", 6000)) -> ERROR
            @(replace("foo bar foo", "foo", "zap")) -> zap bar zap
            @(replace("foo bar foo", "foo", "zap", 1)) -> zap bar foo
            @(replace("foo bar", "baz", "zap")) -> foo bar
            @(percent(0.54234)) -> 54%
            @(percent(1.2)) -> 120%
            @(percent("foo")) -> ERROR
            @(url_encode("two & words")) -> two%20%26%20words
            @(url_encode("नमस्ते")) -> %E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87
            @(url_encode(10)) -> 10
            @(html_decode("Red &amp; Blue")) -> Red & Blue
            @(html_decode("5 + 10 &#33;")) -> 5 + 10 !
            @(read_chars("1234")) -> 1 2 3 4
            @(read_chars("abcdef")) -> a b c , d e f
            @(format_location("Rwanda > Kigali")) -> Kigali
            @(urn_parts("tel:+593979012345")) -> {display: , path: +593979012345, scheme: tel}
            @(urn_parts("not a urn")) -> ERROR
            @(attachment_parts("image/jpeg:https://example.com/test.jpg")) -> {content_type: image/jpeg, url: https://example.com/test.jpg}
            @(format_urn("twitter:134252511151#billy_bob")) -> billy_bob
            @(UPPER("case")) -> CASE
            """)
    void rendersAsGoflowDocuments(String template, String expected) {
        Eval.check(template, expected);
    }
}
