package io.consentflow.domain.flow.expression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** goflow's JSON functions and the domain's JSON reader and writer behind them. */
class JsonFunctionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            @(parse_json("{\\"foo\\": \\"bar\\"}").foo) -> bar
            @(parse_json("[1,2,3,4]")[2]) -> 3
            @(parse_json("invalid json")) -> ERROR
            @(parse_json("{\\"a\\": {\\"b\\": [true, null, 1.50]}}").a.b) -> [true, , 1.5]
            @(json("string")) -> "string"
            @(json(10)) -> 10
            @(json(null)) -> null
            @(json(true)) -> true
            @(json(object("foo", 1, "bar", "x"))) -> {"bar":"x","foo":1}
            @(json(array(1, "a\\"b", date_from_parts(2019, 4, 11)))) -> [1,"a\\"b","2019-04-11"]
            @(json(1 / 0)) -> ERROR
            @(json(parse_json("{\\"b\\": [1, {\\"c\\": \\"é\\"}], \\"a\\": null}"))) -> {"a":null,"b":[1,{"c":"é"}]}
            """)
    void rendersAsGoflowDocuments(String template, String expected) {
        Eval.check(template, expected);
    }

    @Test
    void readsJsonIntoValues() {
        Value.Obj o = (Value.Obj) Json.parse(" {\"n\": -1.5e2, \"s\": \"a\\u00e9\\n\", \"l\": [], \"o\": {}, \"z\": null} ");
        assertEquals(new BigDecimal("-1.5e2"), ((Value.Num) o.get("n")).value());
        assertEquals("-150", o.get("n").render());
        assertEquals("aé\n", o.get("s").render());
        assertEquals(List.of(), ((Value.Array) o.get("l")).items());
        assertEquals("{}", o.get("o").render());
        assertNull(o.get("z"));
        assertTrue(o.has("z"));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1}}", "01x", "-",
                "[" .repeat(100) + "]".repeat(100), "\"\\q\"")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesWhatItReads() {
        String json = "{\"a\":[1,2.5,\"x\\ty\",true,false,null],\"b\":{\"c\":\"\\\"q\\\"\"}}";
        assertEquals(json, Json.write(Json.parse(json)));
    }
}
