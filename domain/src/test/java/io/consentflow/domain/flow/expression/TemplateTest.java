package io.consentflow.domain.flow.expression;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.template.TemplateContext;
import io.consentflow.domain.flow.template.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Templates: scanning, each type rendered, the context's roots, errors. */
class TemplateTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', emptyValue = "", textBlock = """
            Hi @contact.first_name! -> Hi Ryan!
            @contact -> Ryan Lewis
            @(contact) -> Ryan Lewis
            @contact.urn -> whatsapp:12024561111
            @contact.urns -> [whatsapp:12024561111]
            @urns.whatsapp -> whatsapp:12024561111
            @contact.groups -> [{name: Testers}]
            @contact.status -> valid
            @contact.language -> eng
            @fields.age years -> 23 years
            @fields.AGE -> 23
            [@fields.missing] -> []
            @contact.fields.gender -> Male
            @results.favorite_color -> red
            @results.favorite_color.category -> Red
            @(results.favorite_color.input) -> it's red
            @(upper(results.favorite_color)) -> RED
            @input -> Hi there
            @input.text -> Hi there
            @globals.org_name -> Nyaruka
            @globals.missing -> ERROR
            @webhook.json.results.0.state -> WA
            @(webhook.json.results[0].state) -> WA
            @webhook.ok -> true
            @(webhook.json.ok = true) -> true
            mail me@contact.name -> mail me@contact.name
            @gmail.com -> @gmail.com
            @@contact.name -> @contact.name
            @( 1 + 1 ) and @(1+1) -> 2 and 2
            @(upper("a)b")) -> A)B
            @(upper("a" -> @(upper("a"
            100% @ home -> 100% @ home
            a@ -> a@
            @ -> @
            @(1)@(2)@contact.first_name -> 12Ryan
            Thanks @contact.first_name. -> Thanks Ryan.
            @run.status -> ERROR
            """)
    void rendersTemplates(String template, String expected) {
        Eval.check(template, expected);
    }

    @Test
    void rendersEachTypeAsGoflowDoes() {
        Env env = new Env(new Context(Map.of()), Eval.NOW, null);
        assertEquals("", Values.render(null));
        assertEquals("hello", new Value.Text("hello").render());
        assertEquals("1234.567", new Value.Num(new java.math.BigDecimal("1234.5670")).render());
        assertEquals("0", new Value.Num(new java.math.BigDecimal("0.000")).render());
        assertEquals("100", new Value.Num(new java.math.BigDecimal("1E+2")).render());
        assertEquals("true", Value.Bool.TRUE.render());
        assertEquals("2019-04-11", new Value.Date(LocalDate.of(2019, 4, 11)).render());
        assertEquals("16:30:45.000000", new Value.Time(LocalTime.of(16, 30, 45)).render());
        assertEquals("2018-04-11T13:24:30.123456Z", new Value.DateTime(Eval.NOW.atZone(Env.ZONE)).render());
        assertEquals("2018-04-11T18:54:30.123456+05:30",
                new Value.DateTime(Eval.NOW.atZone(java.time.ZoneId.of("Asia/Kolkata"))).render());
        assertEquals("[1, a, [], {}]", Value.Array.of(Value.Num.of(1), new Value.Text("a"), Value.Array.EMPTY,
                Value.Obj.EMPTY).render());
        assertEquals("[, x]", Value.Array.of(null, new Value.Text("x")).render());
        assertEquals("{a: 1, b: }", Value.Obj.of(new java.util.LinkedHashMap<>(Map.of("b", Value.Text.EMPTY,
                "a", Value.Num.of(1)))).render());
        assertEquals("dflt", Value.Obj.withDefault(Map.of("x", Value.Num.of(1)), new Value.Text("dflt")).render());
        assertEquals("", new Value.Error("boom").render());
        assertEquals("upper", Parser.parse("upper").evaluate(env).render());
    }

    @Test
    void truthinessIsGoflows() {
        assertEquals(List.of(false, false, false, true, false, true, false, true, false, true),
                List.of(Values.truthy(null), Values.truthy(Value.Text.EMPTY), Values.truthy(new Value.Text("FALSE")),
                        Values.truthy(new Value.Text("no")), Values.truthy(Value.Num.ZERO),
                        Values.truthy(Value.Num.of(-1)), Values.truthy(Value.Array.EMPTY),
                        Values.truthy(Value.Array.of((Value) null)), Values.truthy(new Value.Error("x")),
                        Values.truthy(Value.Bool.TRUE)));
    }

    @Test
    void aTextWithoutExpressionsIsReturnedAsItIs() {
        String plain = "no references here";
        assertSame(plain, Templates.render(plain, Eval.context()));
        assertEquals(List.of(), Templates.evaluate(plain, Eval.context()).errors());
    }

    @Test
    void eachDistinctTextIsParsedOnce() {
        String text = "Hello @contact.name, @(upper(\"once\"))";
        assertSame(Template.of(text), Template.of(text));
    }

    @Test
    void theCacheStaysBounded() {
        String first = "@(\"first " + System.identityHashCode(this) + "\")";
        Template kept = Template.of(first);
        for (int i = 0; i <= Template.CACHE_SIZE; i++) Template.of("@(" + i + ")");
        // the first text was pushed out: parsing it again makes a new template that renders the same
        assertEquals(kept.render(Templates.env(Eval.context())).text(),
                Template.of(first).render(Templates.env(Eval.context())).text());
        assertEquals(false, kept == Template.of(first));
    }

    @Test
    void anOperandThatIsAResultHandsTheResultToItsCases() {
        TemplateContext c = Eval.context();
        Templates.Operand whole = Templates.operand(" @results.favorite_color ", c);
        assertEquals("red", whole.text());
        assertEquals("Favorite Color", whole.result().name());
        assertEquals("Favorite Color", Templates.operand("@(results.favorite_color)", c).result().name());
        assertNull(Templates.operand("@results.favorite_color.category", c).result());
        assertEquals("Red", Templates.operand("@results.favorite_color.category", c).text());
        Templates.Operand missing = Templates.operand("@results.age", c);
        assertEquals("", missing.text());
        assertEquals("object has no property 'age'", missing.error());
        assertNull(missing.result());
        assertEquals("@other.thing", Templates.operand("@other.thing", c).text());
    }

    @Test
    void theRunsAndFlowsAreInTheContext() {
        Contact contact = Contact.newContact(new Phone("12024561111"), "Ann", Eval.NOW);
        RunResult r = new RunResult("Age", "30", "Adult", "30", "n1", Eval.NOW);
        Instant started = Instant.parse("2018-04-11T13:00:00Z");
        TemplateContext.RunInfo run = new TemplateContext.RunInfo("r-1", "active", "f-1", "Registration",
                Map.of("age", r), started, null);
        TemplateContext.RunInfo parent = new TemplateContext.RunInfo("r-0", "waiting", "f-0", "Main",
                Map.of(), started, null);
        TemplateContext.RunInfo child = new TemplateContext.RunInfo("r-2", "completed", "f-2", "Quiz",
                Map.of("score", new RunResult("Score", "7", "High", "7", "n9", Eval.NOW)), started, Eval.NOW);
        TemplateContext c = new TemplateContext(contact, Map.of("age", r), null, "completed", run, parent, child,
                Map.of(), null, Eval.NOW, null);
        assertEquals("Registration f-1 active 30 Main completed completed 7 Registration",
                Templates.render("@flow @flow.uuid @run.status @run.results.age @parent.flow.name @child.status "
                        + "@child.run.status @child.results.score @run.flow", c));
        assertEquals("2018-04-11T13:00:00.000000Z", Templates.render("@run.created_on", c));
        assertEquals("[]", Templates.render("[@input]", c));
        assertEquals(1, Templates.evaluate("[@input.text]", c).errors().size());
    }

    @Test
    void aWebhookAnswerThatIsNotJsonIsAnErrorWhereItIsUsed() {
        TemplateContext c = new TemplateContext(null, null, null, null, null, null, null, null, "<html>", Eval.NOW,
                null);
        Template.Rendered r = Templates.evaluate("[@webhook.json.x]", c);
        assertEquals("[]", r.text());
        assertEquals(1, r.errors().size());
        assertEquals("[]", Templates.render("[@webhook]", new TemplateContext(null, null, null, null)));
    }

    /** Any text renders without throwing, and text without an @ is returned as it is. */
    @Test
    void anyTextRenders() {
        Random random = new Random(7);
        String alphabet = "@()\"\\.[]abc12 +-*/^&=<>!,_\u0928\u093e\ud83d\ude00";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = b.toString();
            Template.Rendered r = Templates.evaluate(text, Eval.context());
            if (text.indexOf('@') < 0) assertEquals(text, r.text());
        }
    }
}
