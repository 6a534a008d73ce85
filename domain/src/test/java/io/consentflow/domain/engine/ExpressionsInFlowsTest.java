package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.router.ErrorTest;
import io.consentflow.domain.flow.router.NumberTest;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.message.OutboundMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Expressions as the engine evaluates them: texts, router operands, wait timeouts, errors kept on the run. */
class ExpressionsInFlowsTest {
    private static final String FLOW = flowUuid(31);

    private static List<String> texts(Sprint s) {
        return s.messages().stream().map(OutboundMessage::text).toList();
    }

    @Test
    void textsRenderExpressionsGlobalsAndTheFlowAndAFailingOneIsKeptOnTheRunWhichGoesOn() {
        Contact contact = Fixtures.contact();
        contact.setField("age", "17");
        Flow f = flow(FLOW, node("n1", null,
                sendMsg("a", "Hi @(upper(contact.name)), @(fields.age + 1) next year. Call @globals.helpline."),
                sendMsg("b", "[@(1 / 0)] @(if(fields.age >= 18, \"adult\", \"minor\"))")));
        EngineHarness h = new EngineHarness(contact, f);
        h.globals.put("helpline", "1800-11-2233");
        Sprint s = h.start(f, "go", h.messageId());
        assertEquals(List.of("Hi ASHA, 18 next year. Call 1800-11-2233.", "[] minor"), texts(s));
        Run run = s.runs().get(0);
        assertEquals(1, run.errors().size());
        RunError e = run.errors().get(0);
        assertEquals(RunError.EXPRESSION_FAILED, e.code());
        assertEquals("error evaluating @(1 / 0): division by zero", e.detail());
        assertEquals("n1", e.nodeUuid());
    }

    @Test
    void aSwitchRoutesOnAnExpressionAndAFailingOperandIsAnError() {
        Contact contact = Fixtures.contact();
        contact.setField("age", "17");
        Flow f = flow(FLOW,
                switchOn("s1", "@(fields.age + 1)")
                        .when(new NumberTest(NumberTest.Mode.GTE, BigDecimal.valueOf(18), null), "Adult", "adult")
                        .other("minor").build(),
                node("adult", "s2", sendMsg("a", "adult")),
                node("minor", "s2", sendMsg("b", "minor")),
                switchOn("s2", "@(number(fields.nothing))").when(new ErrorTest(), "Error", "error")
                        .other("fine").result("Check").build(),
                node("error", null, sendMsg("c", "error: @results.check")),
                node("fine", null, sendMsg("d", "fine")));
        EngineHarness h = new EngineHarness(contact, f);
        Sprint s = h.start(f, "go", h.messageId());
        assertEquals(List.of("adult", "error: unable to convert null to a number"), texts(s));
        assertEquals(List.of(RunError.EXPRESSION_FAILED),
                s.runs().get(0).errors().stream().map(RunError::code).toList());
    }

    @Test
    void aWaitsTimeoutExpressionGivesItsSeconds() {
        Contact contact = Fixtures.contact();
        contact.setField("delay_minutes", "5");
        Flow f = flow(FLOW,
                switchOn("w", "@input.text").actions(sendMsg("q", "How are you?"))
                        .noResponseAfter("@(fields.delay_minutes * 60)", "late")
                        .other("answered").build(),
                node("late", null, sendMsg("a", "late")),
                node("answered", null, sendMsg("b", "answered")));
        EngineHarness h = new EngineHarness(contact, f);
        Run run = h.start(f, "go", h.messageId()).runs().get(0);
        assertEquals(NOW.plusSeconds(300), run.timeoutAt());
        assertEquals(List.of(), run.errors());
    }

    @Test
    void aTimeoutExpressionThatGivesNoSecondsLeavesTheWaitWithoutATimeout() {
        Flow f = flow(FLOW,
                switchOn("w", "@input.text").actions(sendMsg("q", "How are you?"))
                        .noResponseAfter("@fields.delay", "late").other("answered").build(),
                node("late", null, sendMsg("a", "late")),
                node("answered", null, sendMsg("b", "answered")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Run run = h.start(f, "go", h.messageId()).runs().get(0);
        assertNull(run.timeoutAt());
        assertEquals(List.of(RunError.BAD_TIMEOUT), run.errors().stream().map(RunError::code).toList());
        assertEquals(List.of("answered"), texts(h.reply("hi", h.messageId())));
    }
}
