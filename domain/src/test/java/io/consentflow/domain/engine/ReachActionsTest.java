package io.consentflow.domain.engine;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.CallClassifier;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.OpenTicket;
import io.consentflow.domain.flow.action.RecipientList;
import io.consentflow.domain.flow.action.SendBroadcast;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactStatus;
import io.consentflow.domain.flow.action.StartSession;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.effect.Ticket;
import io.consentflow.domain.flow.router.CategoryTest;
import io.consentflow.domain.flow.router.IntentTest;
import io.consentflow.domain.flow.router.WordTest;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actions that reach beyond the contact's own messages (broadcasts, flow starts for others, tickets, statuses,
 * classifiers) and goflow's details: a terminal enter_flow, a flow that begins with a wait.
 */
class ReachActionsTest {
    private static final String FLOW = flowUuid(40);
    private static final String OTHER = flowUuid(41);
    private static final Phone ASHA = new Phone("919800000001");
    private static final Phone RAVI = new Phone("919800000002");

    private static RecipientList recipients(List<String> urns, List<String> contacts, List<String> groups) {
        return new RecipientList(urns, contacts, groups, List.of("@contact.fields.buddy"));
    }

    @Test
    void sendBroadcastQueuesTheRenderedMessageForItsRecipientsAndSendsNothingNow() {
        Flow f = flow(FLOW, node("n1", null, new SendBroadcast("b1",
                new SendMsg("b1", "Hello from @contact.name", List.of(), List.of()),
                recipients(List.of("whatsapp:919800000001"), List.of("7", "+919800000002"), List.of("Volunteers")))));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        h.contact.setField("buddy", "919800000003");
        Sprint s = h.start(f, "go", h.messageId());

        assertTrue(s.messages().isEmpty(), "the sender gets nothing, and nobody else in this sprint");
        assertEquals(1, s.effects().size());
        Outreach o = (Outreach) s.effects().get(0);
        assertEquals(List.of(ASHA, RAVI, new Phone("919800000003")), o.recipients().phones());
        assertEquals(List.of("Volunteers"), o.recipients().groups());
        Outreach.Broadcast b = (Outreach.Broadcast) o.work();
        assertEquals("Hello from Asha", b.messages().get(0).text(), "rendered in the sender's run");
        assertEquals(Fixtures.PHONE, o.sender());
        // Glific's contact id "7" names no phone: skipped, and the run says so
        assertEquals(List.of(RunError.BAD_RECIPIENT), s.runs().get(0).errors().stream().map(RunError::code).toList());
        assertEquals(RunStatus.COMPLETED, s.runs().get(0).status());
    }

    @Test
    void aBroadcastReachesAnOptedInRecipientAndIsRefusedToAnOptedOutOne() {
        OutreachDelivery delivery = new OutreachDelivery(new SendPolicy(), Fixtures.sequentialIds());
        Outreach.Broadcast b = new Outreach.Broadcast(List.of(new Outreach.Part(
                io.consentflow.domain.message.MessageType.TEXT, "News", new io.consentflow.domain.message
                .OutboundContent.Text("News", List.of()))));
        Outreach o = new Outreach(new java.util.UUID(9, 9), b, new io.consentflow.domain.flow.effect.Recipients(
                List.of(ASHA, RAVI), List.of()), Fixtures.PHONE, FLOW, null, NOW);

        Contact in = recipient(ASHA);
        in.optIn(ConsentMethod.API, "note", null, NOW.minusSeconds(60));
        OutreachDelivery.Delivered sent = delivery.broadcast(in, o, b, NOW);
        assertEquals("sent", sent.outcome());
        assertEquals(MessageStatus.QUEUED, sent.sprint().messages().get(0).status());

        Contact out = recipient(RAVI);
        out.optOut(ConsentMethod.API, "note", null, NOW.minusSeconds(60));
        OutreachDelivery.Delivered refused = delivery.broadcast(out, o, b, NOW);
        assertEquals("refused:contact_opted_out", refused.outcome());
        OutboundMessage m = refused.sprint().messages().get(0);
        assertEquals(MessageStatus.REFUSED, m.status());
        assertEquals("contact_opted_out", m.refusal().code());
    }

    @Test
    void startSessionQueuesTheFlowAndTheStartedFlowCannotMessageAnOptedOutRecipient() {
        Flow news = flow(OTHER, node("m1", null, sendMsg("m1s", "Hi from the news flow")));
        Flow f = flow(FLOW, node("n1", null, new StartSession("s1", OTHER, "News",
                recipients(List.of("tel:+919800000002"), List.of(), List.of()), true)));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f, news);
        Sprint s = h.start(f, "go", h.messageId());
        Outreach o = (Outreach) s.effects().get(0);
        Outreach.StartFlow start = (Outreach.StartFlow) o.work();
        assertEquals(OTHER, start.flowUuid());
        assertTrue(start.skipContactsInAFlow());

        Contact out = recipient(RAVI);
        out.optOut(ConsentMethod.API, "note", null, NOW.minusSeconds(60));
        EngineHarness other = new EngineHarness(out, news);
        OutreachDelivery.Delivered d = new OutreachDelivery(new SendPolicy(), Fixtures.sequentialIds())
                .startFlow(other.engine, other.session(), start, Optional.of(news), NOW);
        assertEquals("started", d.outcome());
        assertEquals(MessageStatus.REFUSED, d.sprint().messages().get(0).status());
        assertEquals(RunStatus.FAILED, d.sprint().runs().get(0).status(), "the send policy ended the run");
    }

    @Test
    void openTicketRecordsTheTicketAndRoutesSuccess() {
        Flow f = flow(FLOW, switchOn("t1", "@results.result")
                .actions(new OpenTicket("ot", "Query", "Help: @input", "staff@ngo.org", "result"))
                .when(new CategoryTest(List.of("Success")), "Success", "done").other("failed").build(),
                node("done", null, sendMsg("d", "We opened a ticket")),
                node("failed", null, sendMsg("f", "Sorry")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Sprint s = h.start(f, "my phone is broken", h.messageId());
        Ticket t = (Ticket) s.effects().get(0);
        assertEquals("Query", t.topic());
        assertEquals("Help: my phone is broken", t.body());
        assertEquals("staff@ngo.org", t.assignee());
        assertEquals(Fixtures.PHONE, t.phone());
        assertEquals("We opened a ticket", s.messages().get(0).text());
        assertEquals(t.id().toString(), s.runs().get(0).results().get("result").value());
    }

    @Test
    void setContactStatusNeverLetsAMessageThroughThatConsentWouldNot() {
        Contact c = run(SetContactStatus.Status.STOPPED);
        assertEquals(ConsentState.OPTED_OUT, c.consent().state(), "stopped is an opt-out");
        assertEquals(ConsentMethod.FLOW, c.consent().method());

        Contact blocked = run(SetContactStatus.Status.BLOCKED);
        assertEquals(ContactStatus.BLOCKED, blocked.status());
        assertEquals(ConsentState.UNKNOWN, blocked.consent().state(), "no consent is made up");
        assertEquals(ContactStatus.BLOCKED, run(SetContactStatus.Status.ARCHIVED).status());

        // active unblocks but never opts anyone in
        Contact stoppedThenActive = Fixtures.contact();
        stoppedThenActive.optOut(ConsentMethod.API, "note", null, NOW.minusSeconds(60));
        stoppedThenActive.block();
        Flow f = flow(FLOW, node("n1", null, new SetContactStatus("st", SetContactStatus.Status.ACTIVE)));
        new EngineHarness(stoppedThenActive, f).start(f, "go", null);
        assertEquals(ContactStatus.INVALID, stoppedThenActive.status());
        assertEquals(ConsentState.OPTED_OUT, stoppedThenActive.consent().state());
    }

    private static Contact run(SetContactStatus.Status status) {
        Flow f = flow(FLOW, node("n1", null, new SetContactStatus("st", status)));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        h.start(f, "go", h.messageId());
        return h.contact;
    }

    @Test
    void callClassifierWithoutAClassifierTakesTheFailureRoute() {
        Flow f = flow(FLOW, switchOn("c1", "@results._nlp_classification")
                .actions(new CallClassifier("cc", "Dialogflow", "@input.text", "_nlp Classification"))
                .when(new IntentTest(true, "glific.info", new BigDecimal(".85")), "Glific.Info", "info")
                .when(new CategoryTest(List.of("Success", "Skipped")), "Other", "info")
                .other("failure").build(),
                node("info", null, sendMsg("i", "Info")),
                node("failure", null, sendMsg("x", "Failure route")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Sprint s = h.start(f, "what is glific", h.messageId());
        assertEquals("Failure route", s.messages().get(0).text());
        assertTrue(s.runs().get(0).results().values().stream()
                .anyMatch(r -> r.name().equals("_nlp Classification") && r.category().equals("Failure")));
    }

    @Test
    void aTerminalChildEndsItsParentWhichNeverResumes() {
        Flow child = flow(OTHER, switchOn("w", "@input.text").when(new WordTest(WordTest.Mode.ANY, "yes"), "Yes",
                null).other(null).waiting().build());
        Flow parent = flow(FLOW, node("p1", "p2", new EnterFlow("e", OTHER, "child", true)),
                node("p2", null, sendMsg("after", "Parent resumed")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent, child);
        Sprint started = h.start(parent, "go", h.messageId());
        assertEquals(RunStatus.COMPLETED, started.runs().get(0).status(), "the parent ends as the child starts");
        Sprint replied = h.reply("yes", h.messageId());
        assertTrue(replied.messages().isEmpty(), "nothing resumes after a terminal child");
        assertEquals(List.of(RunStatus.COMPLETED), replied.runs().stream().map(r -> r.status()).toList());
    }

    @Test
    void aFlowThatBeginsWithAWaitTakesTheMessageThatStartedItAsItsFirstInput() {
        Flow f = flow(FLOW, switchOn("w", "@input.text")
                .when(new WordTest(WordTest.Mode.ANY, "english"), "English", "en").other("other").waiting().build(),
                node("en", null, sendMsg("e", "Welcome")),
                node("other", null, sendMsg("o", "Which language?")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Sprint s = h.start(f, "english please", h.messageId());
        assertEquals("Welcome", s.messages().get(0).text());
        assertFalse(s.runs().get(0).waiting());

        // started by no message (the API, a flow start for others), it waits as written
        EngineHarness api = new EngineHarness(Fixtures.contact(), f);
        Sprint waiting = api.start(f, Trigger.none(), NOW);
        assertTrue(waiting.messages().isEmpty());
        assertTrue(waiting.runs().get(0).waiting());
    }

    private static Contact recipient(Phone phone) {
        Contact c = Contact.newContact(phone, null, NOW.minusSeconds(7200));
        c.receivedInbound(NOW.minusSeconds(600), null);
        return c;
    }
}
