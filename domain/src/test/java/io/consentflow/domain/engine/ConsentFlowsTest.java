package io.consentflow.domain.engine;

import io.consentflow.domain.flow.run.EndReason;
import java.util.Optional;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.Fixtures.PHONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine end to end on flows shaped like Glific's seeded opt-in and opt-out workflows. */
class ConsentFlowsTest {
    /** The end reason of a run whose send was refused because the contact opted out. */
    private static final Optional<EndReason> OPTED_OUT = Optional.of(new EndReason.SendRefused("contact_opted_out"));
    private final Flow optin = TestFlows.optin();
    private final Flow optout = TestFlows.optout();

    private static String welcome(String name) {
        return TestFlows.OPTIN_QUESTION.replace("@contact.name", name);
    }

    private static Contact optedOutContact() {
        Contact c = Fixtures.contact();
        c.optOut(ConsentMethod.FLOW, "earlier", TestFlows.OPTOUT_FLOW, NOW.minusSeconds(7200));
        return c;
    }

    // ---- opt-in --------------------------------------------------------------------------------------------

    @Test
    void startingTheOptinFlowQueuesTheQuestionAndWaits() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin, optout);
        Sprint sprint = h.start(optin, "optin", h.messageId());

        assertEquals(1, sprint.runs().size());
        Run run = sprint.runs().get(0);
        assertEquals(RunStatus.ACTIVE, run.status());
        assertTrue(run.waiting());
        assertEquals(TestFlows.OPTIN_FLOW, run.flowUuid());
        assertEquals(TestFlows.OPTIN_WAIT, run.nodeUuid());
        assertEquals(NOW.plusSeconds(TestFlows.WAIT_SECONDS), run.timeoutAt());
        assertEquals(NOW.plus(Duration.ofMinutes(Flow.DEFAULT_EXPIRE_AFTER_MINUTES)), run.expiresAt());
        assertNull(run.parentId());

        assertEquals(1, sprint.messages().size());
        Message m = sprint.messages().get(0);
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(MessageType.INTERACTIVE, m.type());
        assertEquals(welcome("Asha"), m.text());
        assertTrue(m.text().startsWith("Welcome to our NGO bot"));
        Interactive content = ((OutboundContent.InteractiveContent) m.content()).message();
        assertEquals(Interactive.Kind.QUICK_REPLY, content.kind());
        assertEquals("Stay in touch", content.header());
        assertEquals(welcome("Asha"), content.text());
        assertEquals(List.of("👍", "👎"), content.buttons());
        assertEquals(PHONE, m.phone());
        assertEquals(Direction.OUTBOUND, m.direction());
        assertEquals(TestFlows.OPTIN_FLOW, m.flowUuid());
        assertNull(m.provider());
        assertNull(m.providerId());
        assertNull(m.reason());
        assertEquals(NOW, m.at());
        assertEquals(new UUID(0, 2), m.id(), "ids come from the supplier: run first, then the message");
        assertEquals(new UUID(0, 1), run.id());
    }

    @Test
    void thumbsUpOptsInWithTheReplyAsEvidenceThenThanksAndCompletes() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin, optout);
        h.start(optin, "optin", h.messageId());
        UUID replyId = h.messageId();
        Sprint sprint = h.reply("👍", replyId);

        Contact c = h.contact;
        assertEquals(ConsentState.OPTED_IN, c.consent().state());
        assertEquals(ConsentMethod.FLOW, c.consent().method());
        assertEquals(replyId.toString(), c.consent().evidence());
        assertEquals(ContactStatus.VALID, c.status());
        ConsentChange change = c.newConsentChanges().get(0);
        assertEquals(ConsentState.UNKNOWN, change.from());
        assertEquals(TestFlows.OPTIN_FLOW, change.flowUuid());
        assertEquals(Set.of("Opted in"), c.groups());

        assertEquals(1, sprint.messages().size());
        Message thanks = sprint.messages().get(0);
        assertEquals("Thank you Asha, we will keep you posted.", thanks.text());
        assertEquals(MessageStatus.QUEUED, thanks.status());
        assertEquals(MessageType.TEXT, thanks.type());
        assertEquals(new OutboundContent.Text(thanks.text(), List.of()), thanks.content());

        Run run = sprint.runs().get(0);
        assertEquals(1, sprint.runs().size());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(NOW.plusSeconds(30), run.endedAt());
        assertFalse(run.waiting());
        RunResult result = run.results().get("opt_in");
        assertEquals(new RunResult("Opt In", "👍", "optin", "👍", TestFlows.OPTIN_WAIT, NOW.plusSeconds(30)), result);
        assertTrue(h.active().isEmpty());
    }

    @Test
    void aThumbsUpWithMoreTextStillOptsIn() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin);
        h.start(optin, "optin", h.messageId());
        h.reply("👍🏽 1", h.messageId());
        assertTrue(h.contact.consent().optedIn());
    }

    @Test
    void thumbsDownLeavesConsentAlone() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin);
        h.start(optin, "optin", h.messageId());
        Sprint sprint = h.reply("👎", h.messageId());
        assertEquals(ConsentState.UNKNOWN, h.contact.consent().state());
        assertEquals(List.of(TestFlows.OPTIN_NO_WORRIES), sprint.messages().stream().map(Message::text).toList());
        assertEquals(RunStatus.COMPLETED, sprint.runs().get(0).status());
        assertEquals("status quo", sprint.runs().get(0).results().get("opt_in").category());
    }

    @Test
    void anyOtherReplyAsksAgain() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin);
        h.start(optin, "optin", h.messageId());
        Sprint sprint = h.reply("what is this?", h.messageId());
        assertEquals(List.of(welcome("Asha")), sprint.messages().stream().map(Message::text).toList());
        Run run = sprint.runs().get(0);
        assertTrue(run.waiting());
        assertEquals(TestFlows.OPTIN_WAIT, run.nodeUuid());
        RunResult r = run.results().get("opt_in");
        assertEquals("Other", r.category());
        assertEquals("what is this?", r.value());
        assertEquals(ConsentState.UNKNOWN, h.contact.consent().state());
    }

    @Test
    void noAnswerInTimeTakesNoResponseAndAsksAgain() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin);
        h.start(optin, "optin", h.messageId());
        Sprint sprint = h.resume(new Resume.Timeout(), NOW.plusSeconds(301));

        Run run = sprint.runs().get(0);
        assertEquals("No Response", run.results().get("opt_in").category());
        assertEquals("", run.results().get("opt_in").value());
        assertEquals(1, sprint.messages().size(), "the question is asked again");
        assertTrue(run.waiting());
        assertEquals(NOW.plusSeconds(301 + TestFlows.WAIT_SECONDS), run.timeoutAt());
        assertEquals(ConsentState.UNKNOWN, h.contact.consent().state());
    }

    @Test
    void glificsNoResponseLoopAsksAtMostThreeTimesThenEndsTheRunAsALoop() {
        // question, 300 s wait, "No Response" back to the question: without the rule, a copy every five minutes
        EngineHarness h = new EngineHarness(Fixtures.contact(), optin);
        assertEquals(1, h.start(optin, "optin", h.messageId()).messages().size());
        assertEquals(1, h.resume(new Resume.Timeout(), NOW.plusSeconds(301)).messages().size());
        assertEquals(1, h.resume(new Resume.Timeout(), NOW.plusSeconds(602)).messages().size());
        Sprint fourth = h.resume(new Resume.Timeout(), NOW.plusSeconds(903));
        assertTrue(fourth.messages().isEmpty(), "the fourth copy is never queued");
        Run run = fourth.runs().get(0);
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), run.endReason());
        assertFalse(run.waiting());
        assertTrue(h.active().isEmpty());
    }

    @Test
    void repliesThatLoopBackToTheQuestionCountToo() {
        EngineHarness h = new EngineHarness(optedOutContact(), optin);
        h.start(optin, "optin", h.messageId());
        h.reply("what?", h.messageId());
        h.resume(new Resume.Timeout(), NOW.plusSeconds(400));
        Sprint fourth = h.reply("huh", h.messageId());
        assertTrue(fourth.messages().isEmpty());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), fourth.runs().get(0).endReason());
    }

    @Test
    void theOptinExceptionEndsOnceTheRunRecordedTheOptin() {
        // an opt-in flow that asks one more question after recording the opt-in
        Flow asksMore = new Flow(TestFlows.OPTIN_FLOW, "Opt-in and more", List.of(
                TestFlows.node("ask", "wait", TestFlows.sendMsg("s1", "May we write to you?")),
                TestFlows.switchOn("wait", "@input.text").waiting().other("consent").build(),
                TestFlows.node("consent", "name", new io.consentflow.domain.flow.action.SetContactField("c",
                        "settings", "Consent status", "optin")),
                TestFlows.node("name", "wait2", TestFlows.sendMsg("s2", "Your name?")),
                TestFlows.switchOn("wait2", "@input.text").waiting().other("promo").build(),
                TestFlows.node("promo", null, TestFlows.sendMsg("s3", "Here is our offer"))),
                0, List.of(), false, true);
        EngineHarness h = new EngineHarness(optedOutContact(), asksMore);
        h.start(asksMore, "optin", h.messageId());
        Sprint optedIn = h.reply("yes", h.messageId());
        assertEquals(NOW.plusSeconds(30), optedIn.runs().get(0).optinRecordedAt());
        assertEquals(MessageStatus.QUEUED, optedIn.messages().get(0).status());

        h.contact.optOut(ConsentMethod.API, "api", null, NOW.plusSeconds(40));
        Sprint after = h.reply("Ravi", h.messageId());
        assertEquals(MessageStatus.REFUSED, after.messages().get(0).status(), "no exception any more");
        assertEquals(OPTED_OUT, after.runs().get(0).endReason());
    }

    @Test
    void theOptinFlowMayAskAnOptedOutContactInsideTheWindowAndOptItBackIn() {
        EngineHarness h = new EngineHarness(optedOutContact(), optin);
        Sprint ask = h.start(optin, "optin", h.messageId());
        assertEquals(MessageStatus.QUEUED, ask.messages().get(0).status());
        assertTrue(ask.runs().get(0).waiting());

        UUID replyId = h.messageId();
        Sprint done = h.reply("👍", replyId);
        assertEquals(ContactStatus.VALID, h.contact.status());
        assertTrue(h.contact.consent().optedIn());
        assertEquals(replyId.toString(), h.contact.consent().evidence());
        assertEquals(MessageStatus.QUEUED, done.messages().get(0).status());
        assertEquals(RunStatus.COMPLETED, done.runs().get(0).status());
        ConsentChange back = h.contact.newConsentChanges().get(1);
        assertEquals(ConsentState.OPTED_OUT, back.from());
        assertEquals(ConsentState.OPTED_IN, back.to());
    }

    @Test
    void outsideTheWindowEvenTheOptinFlowIsRefused() {
        EngineHarness h = new EngineHarness(optedOutContact(), optin);
        Sprint sprint = h.start(optin, Trigger.none(), NOW.plus(Contact.SESSION_WINDOW));
        Message m = sprint.messages().get(0);
        assertEquals(MessageStatus.REFUSED, m.status());
        assertEquals("contact_opted_out", m.reason());
        Run run = sprint.runs().get(0);
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(OPTED_OUT, run.endReason());
    }

    // ---- opt-out -------------------------------------------------------------------------------------------

    @Test
    void confirmingOptOutSaysGoodbyeFirstThenOptsOut() {
        Contact contact = Fixtures.contact();
        contact.optIn(ConsentMethod.FLOW, "m0", TestFlows.OPTIN_FLOW, NOW.minusSeconds(86_400 * 3));
        EngineHarness h = new EngineHarness(contact, optin, optout);

        Sprint ask = h.start(optout, "STOP", h.messageId());
        assertEquals(List.of(TestFlows.OPTOUT_QUESTION), ask.messages().stream().map(Message::text).toList());
        assertTrue(ask.runs().get(0).waiting());
        assertEquals(TestFlows.OPTOUT_WAIT, ask.runs().get(0).nodeUuid());

        UUID replyId = h.messageId();
        Sprint sprint = h.reply("1", replyId);
        // the flow sends and then sets: the goodbye passed the policy while the contact was still opted in
        assertEquals(1, sprint.messages().size());
        Message goodbye = sprint.messages().get(0);
        assertEquals(TestFlows.OPTOUT_GOODBYE, goodbye.text());
        assertEquals(MessageStatus.QUEUED, goodbye.status());
        assertEquals(TestFlows.OPTOUT_FLOW, goodbye.flowUuid());

        assertEquals(ConsentState.OPTED_OUT, h.contact.consent().state());
        assertEquals(ContactStatus.INVALID, h.contact.status());
        assertEquals(ConsentMethod.FLOW, h.contact.consent().method());
        assertEquals(replyId.toString(), h.contact.consent().evidence());
        ConsentChange change = h.contact.newConsentChanges().get(1);
        assertEquals(ConsentState.OPTED_IN, change.from());
        assertEquals(TestFlows.OPTOUT_FLOW, change.flowUuid());
        assertTrue(h.contact.groups().contains("Opted out"));

        Run run = sprint.runs().get(0);
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals("1", run.results().get("confirmation").value());
        assertEquals("One", run.results().get("confirmation").category());
    }

    @Test
    void theKeycapDigitConfirmsToo() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optout);
        h.start(optout, "stop", h.messageId());
        h.reply("1️⃣", h.messageId());
        assertTrue(h.contact.consent().optedOut());
    }

    @Test
    void cancellingKeepsTheContact() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optout);
        h.start(optout, "stop", h.messageId());
        Sprint sprint = h.reply("2", h.messageId());
        assertEquals(List.of(TestFlows.OPTOUT_STAYING), sprint.messages().stream().map(Message::text).toList());
        assertEquals(ConsentState.UNKNOWN, h.contact.consent().state());
        assertEquals(ContactStatus.VALID, h.contact.status());
        assertEquals(RunStatus.COMPLETED, sprint.runs().get(0).status());
    }

    @Test
    void silenceCancelsTheOptOut() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), optout);
        h.start(optout, "stop", h.messageId());
        Sprint sprint = h.resume(new Resume.Timeout(), NOW.plusSeconds(TestFlows.WAIT_SECONDS));
        assertEquals(List.of(TestFlows.OPTOUT_STAYING), sprint.messages().stream().map(Message::text).toList());
        assertEquals("No Response", sprint.runs().get(0).results().get("confirmation").category());
        assertEquals(RunStatus.COMPLETED, sprint.runs().get(0).status());
        assertEquals(ConsentState.UNKNOWN, h.contact.consent().state());
    }

    @Test
    void anyOtherFlowMessagingAnOptedOutContactFailsWithTheRefusal() {
        // the opt-out flow is not the opt-in flow: it may not message someone who opted out
        EngineHarness h = new EngineHarness(optedOutContact(), optout);
        Sprint sprint = h.start(optout, "stop", h.messageId());
        Message m = sprint.messages().get(0);
        assertEquals(MessageStatus.REFUSED, m.status());
        assertEquals("contact_opted_out", m.reason());
        Run run = sprint.runs().get(0);
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(OPTED_OUT, run.endReason());
        assertEquals(NOW, run.endedAt());
        assertFalse(run.waiting());
    }
}
