package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.CategoryTest;
import io.consentflow.domain.flow.router.DateTest;
import io.consentflow.domain.flow.router.ErrorTest;
import io.consentflow.domain.flow.router.GroupTest;
import io.consentflow.domain.flow.router.InputTypeTest;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.Fixtures.PHONE;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the engine hands a router's cases: the kind of message that woke the run, the contact, the result the
 * operand names (or the error of naming one the run lacks) and the sprint's day.
 */
class CaseRoutingTest {
    private static final String FLOW = flowUuid(1);

    private static List<String> texts(Sprint s) {
        return s.messages().stream().map(Message::text).toList();
    }

    private static InboundMessage message(MessageType type, String text) {
        return new InboundMessage("gupshup", "gs-" + type.wire() + "-" + text.hashCode(), PHONE, "Asha", type, text,
                NOW);
    }

    /** Asks, waits, and says which way the reply went. */
    private static Flow waitingOn(String operand, CaseTest test) {
        return flow(FLOW,
                node("ask", "wait", sendMsg("s1", "Send it")),
                switchOn("wait", operand).waiting().result("Answer")
                        .when(test, "Matched", "matched").other("other").build(),
                node("matched", null, sendMsg("s2", "matched @results.answer")),
                node("other", null, sendMsg("s3", "other")));
    }

    @Test
    void mediaCasesSeeTheTypeOfTheReply() {
        EngineHarness h = new EngineHarness(Fixtures.contact(),
                waitingOn("@input.text", new InputTypeTest(InputTypeTest.Kind.IMAGE)));
        h.start(h.flows.get(FLOW), "go", h.messageId());
        Sprint s = h.resume(new Resume.Reply(message(MessageType.IMAGE, "my photo"), h.messageId()),
                NOW.plusSeconds(30));
        assertEquals(List.of("matched my photo"), texts(s));

        h.start(h.flows.get(FLOW), "go", h.messageId());
        assertEquals(List.of("other"), texts(h.reply("my photo", h.messageId())));
    }

    @Test
    void aLocationIsItsOwnKind() {
        EngineHarness h = new EngineHarness(Fixtures.contact(),
                waitingOn("@input.text", new InputTypeTest(InputTypeTest.Kind.LOCATION)));
        h.start(h.flows.get(FLOW), "go", h.messageId());
        Sprint s = h.resume(new Resume.Reply(message(MessageType.LOCATION, "28.61,77.20"), h.messageId()),
                NOW.plusSeconds(30));
        assertEquals(List.of("matched 28.61,77.20"), texts(s));
    }

    @Test
    void aGroupCaseSeesTheContactsGroupsAsTheFlowLeftThem() {
        Contact contact = Fixtures.contact();
        contact.addGroups(List.of("STARTED_AB"));
        EngineHarness h = new EngineHarness(contact,
                flow(FLOW, switchOn("split", "@contact.groups")
                        .when(new GroupTest("STARTED_AB"), "STARTED_AB", "in").other("out").build(),
                        node("in", null, sendMsg("s1", "in")),
                        node("out", null, sendMsg("s2", "out"))));
        assertEquals(List.of("in"), texts(h.start(h.flows.get(FLOW), Trigger.none(), NOW)));
        contact.removeGroups(List.of("STARTED_AB"));
        assertEquals(List.of("out"), texts(h.start(h.flows.get(FLOW), Trigger.none(), NOW)));
    }

    @Test
    void aCategoryCaseSeesTheResultTheOperandNamesAndAMissingResultIsAnError() {
        Flow flow = flow(FLOW,
                switchOn("split", "@results.ticket")
                        .actions(new SetRunResult("r", "Ticket", "@input.text", "Success"))
                        .when(new CategoryTest(List.of("Success")), "Success", "missing").other("other").build(),
                switchOn("missing", "@(results.age)")
                        .when(new ErrorTest(), "Error", "error").other("other").result("Check").build(),
                node("error", null, sendMsg("s1", "@results.ticket.category then @results.check")),
                node("other", null, sendMsg("s2", "other")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow);
        assertEquals(List.of("Success then object has no property 'age'"), texts(h.start(flow, "T-17", h.messageId())));
    }

    @Test
    void aDateFromTodayIsTheSprintsDay() {
        EngineHarness h = new EngineHarness(Fixtures.contact(),
                waitingOn("@input.text", new DateTest(DateTest.Mode.EQ, new DateTest.FromToday(1))));
        h.start(h.flows.get(FLOW), "go", h.messageId());
        // NOW is 2 March 2026; the reply comes 30 seconds later, the same day
        assertEquals(List.of("matched 2026-03-03T10:00:30.000000Z"), texts(h.reply("3/3/2026", h.messageId())));
    }
}
