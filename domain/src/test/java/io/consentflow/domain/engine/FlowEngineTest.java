package io.consentflow.domain.engine;

import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.Fixtures.PHONE;
import static io.consentflow.domain.fixtures.TestFlows.enterFlow;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.random;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowEngineTest {
    /** The end reason of a run whose send was refused because the contact opted out. */
    private static final Optional<EndReason> OPTED_OUT = Optional.of(new EndReason.SendRefused("contact_opted_out"));
    private static final String PARENT = flowUuid(10);
    private static final String CHILD = flowUuid(11);
    private static final Instant LATER = NOW.plusSeconds(30);

    /** A question that waits for any reply, then echoes it. */
    private static Flow asking(String uuid) {
        return flow(uuid,
                node("ask", "wait", sendMsg("s1", "Your name?")),
                switchOn("wait", "@input.text").waiting().result("Name")
                        .when(new TextTest(TextTest.Mode.ANY_TEXT, ""), "Has Text", "echo")
                        .other("echo").build(),
                node("echo", null, sendMsg("s2", "Hello @results.name (@input.text)")));
    }

    /** enter_flow(child) then routes on @child.run.status. */
    private static Flow parent(String childUuid) {
        return flow(PARENT,
                switchOn("enter", "@child.run.status").actions(enterFlow("e1", childUuid))
                        .when(new TextTest(TextTest.Mode.ONLY_TEXT, "completed"), "Complete", "done")
                        .when(new TextTest(TextTest.Mode.ONLY_TEXT, "expired"), "Expired", "expired")
                        .other("expired").result("Child").build(),
                node("done", null, sendMsg("p1", "child @child.run.status")),
                node("expired", null, sendMsg("p2", "child ran out: @child.run.status")));
    }

    private static List<String> texts(Sprint s) {
        return s.messages().stream().map(Message::text).toList();
    }

    // ---- starting and interrupting -------------------------------------------------------------------------

    @Test
    void startingAFlowInterruptsTheUnfinishedRuns() {
        Flow other = flow(flowUuid(1), node("n", null, sendMsg("s", "hi")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD), other);
        Sprint first = h.start(h.flows.get(PARENT), "go", h.messageId());
        Run parentRun = first.runs().get(0);
        Run childRun = first.runs().get(1);
        assertEquals(RunStatus.SUSPENDED, parentRun.status());

        Sprint second = h.start(other, "other", h.messageId());
        assertEquals(3, second.runs().size());
        assertEquals(List.of(childRun, parentRun), second.runs().subList(0, 2));
        assertEquals(RunStatus.INTERRUPTED, childRun.status());
        assertEquals(RunStatus.INTERRUPTED, parentRun.status());
        assertEquals(NOW, childRun.endedAt());
        Run fresh = second.runs().get(2);
        assertEquals(RunStatus.COMPLETED, fresh.status());
        assertEquals(other.uuid(), fresh.flowUuid());
        assertEquals(List.of("hi"), texts(second));
    }

    @Test
    void endedRunsInTheSessionAreLeftAlone() {
        Run done = Run.start(UUID.randomUUID(), flowUuid(5), PHONE, null, NOW);
        done.end(RunStatus.COMPLETED, null, NOW);
        FlowEngine engine = new FlowEngine(u -> Optional.empty(), new SendPolicy(), Fixtures.sequentialIds(),
                Fixtures.seededRandom());
        Flow f = flow(flowUuid(6), node("n", null));
        Sprint s = engine.start(f, new Session(Fixtures.contact(), List.of(done), null), Trigger.none(), LATER);
        assertEquals(1, s.runs().size());
        assertEquals(NOW, done.endedAt());
    }

    // ---- resuming -------------------------------------------------------------------------------------------

    @Test
    void aReplyIsTheInputOfTheWaitingRouterAndOfTemplates() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), asking(flowUuid(1)));
        h.start(h.flows.get(flowUuid(1)), "hi", h.messageId());
        Sprint s = h.reply("Ravi", h.messageId());
        assertEquals(List.of("Hello Ravi (Ravi)"), texts(s));
        assertEquals("Has Text", s.runs().get(0).results().get("name").category());
        assertEquals(LATER, s.runs().get(0).results().get("name").at());
        assertEquals("wait", s.runs().get(0).results().get("name").nodeUuid());
    }

    @Test
    void resumingNeedsAnActiveWaitingRun() {
        FlowEngine engine = new FlowEngine(u -> Optional.empty(), new SendPolicy(), Fixtures.sequentialIds(),
                Fixtures.seededRandom());
        Resume reply = new Resume.Reply(Fixtures.inbound("x"), UUID.randomUUID());
        assertRefused(IllegalStateException.class, "session has no active run",
                () -> engine.resume(new Session(Fixtures.contact(), List.of(), null), reply, NOW));

        Run busy = Run.start(UUID.randomUUID(), flowUuid(1), PHONE, null, NOW);
        assertRefused(IllegalStateException.class, "is not waiting (active)",
                () -> engine.resume(new Session(Fixtures.contact(), List.of(busy), null), reply, NOW));

        Run suspended = Run.start(UUID.randomUUID(), flowUuid(1), PHONE, null, NOW);
        suspended.suspendFor("n", NOW, NOW.plusSeconds(60));
        assertRefused(IllegalStateException.class, "is not waiting",
                () -> engine.resume(new Session(Fixtures.contact(), List.of(suspended), null), reply, NOW));

        Run ended = Run.start(UUID.randomUUID(), flowUuid(1), PHONE, null, NOW);
        ended.waitAt("n", NOW, null, NOW.plusSeconds(60));
        ended.end(RunStatus.EXPIRED, null, NOW);
        assertRefused(IllegalStateException.class, "is not waiting (expired)",
                () -> engine.resume(new Session(Fixtures.contact(), List.of(ended), null), reply, NOW));
    }

    @Test
    void aTimeoutForAWaitWithoutTimeoutChangesNothing() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), asking(flowUuid(1)));
        h.start(h.flows.get(flowUuid(1)), "hi", h.messageId());
        Run run = h.active().orElseThrow();
        Sprint s = h.resume(new Resume.Timeout(), LATER);
        assertTrue(s.runs().isEmpty());
        assertTrue(s.messages().isEmpty());
        assertTrue(run.waiting());
        assertEquals(NOW, run.waitingSince());
    }

    @Test
    void anExpiredRunEndsExpiredWithoutMessages() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), TestFlows.optin());
        h.start(h.flows.get(TestFlows.OPTIN_FLOW), "optin", h.messageId());
        Instant expiry = NOW.plus(Duration.ofDays(7));
        Sprint s = h.resume(new Resume.Expiry(), expiry);
        assertEquals(1, s.runs().size());
        assertEquals(RunStatus.EXPIRED, s.runs().get(0).status());
        assertEquals(expiry, s.runs().get(0).endedAt());
        assertTrue(s.messages().isEmpty());
        assertTrue(h.active().isEmpty());
    }

    @Test
    void aRunWhoseFlowIsGoneIsInterruptedAndOneWhoseNodeIsGoneFails() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), asking(flowUuid(1)));
        h.start(h.flows.get(flowUuid(1)), "hi", h.messageId());
        h.flows.remove(flowUuid(1));
        Sprint s = h.reply("x", h.messageId());
        assertEquals(RunStatus.INTERRUPTED, s.runs().get(0).status());
        assertEquals(Optional.of(EndReason.Because.FLOW_DELETED), s.runs().get(0).endReason());
        assertTrue(s.messages().isEmpty());

        EngineHarness h2 = new EngineHarness(Fixtures.contact(), asking(flowUuid(2)));
        h2.start(h2.flows.get(flowUuid(2)), "hi", h2.messageId());
        h2.flows.put(flowUuid(2), flow(flowUuid(2), node("other", null)));
        Sprint s2 = h2.reply("x", h2.messageId());
        assertEquals(Optional.of(new EndReason.MissingNode("wait")), s2.runs().get(0).endReason());
    }

    // ---- enter_flow -----------------------------------------------------------------------------------------

    @Test
    void enterFlowSuspendsTheParentWhileTheChildWaits() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        Sprint s = h.start(h.flows.get(PARENT), "go", h.messageId());
        assertEquals(2, s.runs().size());
        Run parentRun = s.runs().get(0);
        Run childRun = s.runs().get(1);
        assertEquals(RunStatus.SUSPENDED, parentRun.status());
        assertEquals("enter", parentRun.nodeUuid());
        assertEquals(NOW.plus(Duration.ofMinutes(Flow.DEFAULT_EXPIRE_AFTER_MINUTES)), parentRun.expiresAt());
        assertEquals(RunStatus.ACTIVE, childRun.status());
        assertTrue(childRun.waiting());
        assertEquals(parentRun.id(), childRun.parentId());
        assertEquals(CHILD, childRun.flowUuid());
        assertEquals(List.of("Your name?"), texts(s));
        assertEquals(List.of(childRun, parentRun), h.session().runs());
    }

    @Test
    void whenTheChildCompletesTheParentRoutesOnCompleted() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        h.start(h.flows.get(PARENT), "go", h.messageId());
        Sprint s = h.reply("Ravi", h.messageId());
        assertEquals(List.of("Hello Ravi (Ravi)", "child completed"), texts(s));
        assertEquals(2, s.runs().size());
        Run child = s.runs().get(0);
        Run parent = s.runs().get(1);
        assertEquals(RunStatus.COMPLETED, child.status());
        assertEquals(RunStatus.COMPLETED, parent.status());
        assertEquals("Complete", parent.results().get("child").category());
        assertEquals("completed", parent.results().get("child").value());
        assertEquals(PARENT, s.messages().get(1).flowUuid());
        assertEquals(CHILD, s.messages().get(0).flowUuid());
    }

    @Test
    void aChildThatNeverWaitsCompletesInTheSameSprint() {
        Flow child = flow(CHILD, node("c1", null, sendMsg("c", "from child")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), child);
        Sprint s = h.start(h.flows.get(PARENT), "go", h.messageId());
        assertEquals(List.of("from child", "child completed"), texts(s));
        assertTrue(s.runs().stream().allMatch(r -> r.status() == RunStatus.COMPLETED));
    }

    @Test
    void anEnterFlowNodeWithoutRouterTakesItsExit() {
        Flow child = flow(CHILD, node("c1", null, sendMsg("c", "from child")));
        Flow parent = flow(PARENT, node("enter", "after", enterFlow("e", CHILD)),
                node("after", null, sendMsg("p", "back in parent")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent, child);
        Sprint s = h.start(parent, "go", h.messageId());
        assertEquals(List.of("from child", "back in parent"), texts(s));
    }

    @Test
    void whenTheChildExpiresTheParentRoutesOnExpired() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        h.start(h.flows.get(PARENT), "go", h.messageId());
        Sprint s = h.resume(new Resume.Expiry(), LATER);
        Run child = s.runs().get(0);
        Run parent = s.runs().get(1);
        assertEquals(RunStatus.EXPIRED, child.status());
        assertEquals(RunStatus.COMPLETED, parent.status());
        assertEquals("Expired", parent.results().get("child").category());
        assertEquals(List.of("child ran out: expired"), texts(s));
    }

    @Test
    void aParentWhoseFlowIsGoneIsInterruptedWhenTheChildEnds() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        h.start(h.flows.get(PARENT), "go", h.messageId());
        h.flows.remove(PARENT);
        Sprint s = h.reply("Ravi", h.messageId());
        assertEquals(RunStatus.COMPLETED, s.runs().get(0).status());
        assertEquals(RunStatus.INTERRUPTED, s.runs().get(1).status());
        assertEquals(Optional.of(EndReason.Because.FLOW_DELETED), s.runs().get(1).endReason());
        assertEquals(List.of("Hello Ravi (Ravi)"), texts(s), "the parent sends nothing more");
    }

    // ---- deactivated and deleted flows ----------------------------------------------------------------------

    @Test
    void aReplyToARunOfADeactivatedFlowEndsItAndItsParentsInterruptedAndSendsNothing() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        h.start(h.flows.get(PARENT), "go", h.messageId());
        Flow child = h.flows.get(CHILD);
        h.flows.put(CHILD, child.withTriggers(child.keywords(), child.ignoreKeywords(), false));
        Sprint s = h.reply("Ravi", h.messageId());
        assertTrue(s.messages().isEmpty());
        assertEquals(2, s.runs().size());
        for (Run r : s.runs()) {
            assertEquals(RunStatus.INTERRUPTED, r.status());
            assertEquals(Optional.of(EndReason.Because.FLOW_DEACTIVATED), r.endReason());
        }
        assertTrue(h.active().isEmpty());
    }

    @Test
    void aTimeoutOrExpiryOfARunOfADeletedFlowEndsItInterrupted() {
        // a timeout that did nothing here would leave the run due and waiting for ever
        for (Resume resume : List.<Resume>of(new Resume.Timeout(), new Resume.Expiry())) {
            EngineHarness h = new EngineHarness(Fixtures.contact(), TestFlows.optin());
            h.start(h.flows.get(TestFlows.OPTIN_FLOW), "optin", h.messageId());
            h.flows.clear();
            Sprint s = h.resume(resume, NOW.plusSeconds(301));
            assertTrue(s.messages().isEmpty(), resume.toString());
            assertEquals(RunStatus.INTERRUPTED, s.runs().get(0).status(), resume.toString());
            assertEquals(Optional.of(EndReason.Because.FLOW_DELETED), s.runs().get(0).endReason());
        }
    }

    @Test
    void enteringADeactivatedChildFlowEndsTheRunInterruptedAndStartsNothing() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(CHILD), asking(CHILD));
        Flow child = h.flows.get(CHILD);
        h.flows.put(CHILD, child.withTriggers(child.keywords(), child.ignoreKeywords(), false));
        Sprint s = h.start(h.flows.get(PARENT), "go", h.messageId());
        assertEquals(1, s.runs().size(), "no run of the child");
        assertEquals(RunStatus.INTERRUPTED, s.runs().get(0).status());
        assertEquals(Optional.of(EndReason.Because.FLOW_DEACTIVATED), s.runs().get(0).endReason());
        assertTrue(s.messages().isEmpty(), "the switched-off child sends nothing");
        assertTrue(h.active().isEmpty());
    }

    @Test
    void aMissingChildFlowFailsTheRun() {
        String ghost = flowUuid(99);
        EngineHarness h = new EngineHarness(Fixtures.contact(), parent(ghost));
        Sprint s = h.start(h.flows.get(PARENT), "go", h.messageId());
        assertEquals(1, s.runs().size());
        assertEquals(RunStatus.FAILED, s.runs().get(0).status());
        assertEquals(Optional.of(new EndReason.MissingChildFlow(ghost)), s.runs().get(0).endReason());
        assertTrue(s.messages().isEmpty());
    }

    @Test
    void aRefusedSendInAChildFailsTheChildAndItsParents() {
        Contact c = Fixtures.contact();
        EngineHarness h = new EngineHarness(c, parent(CHILD), asking(CHILD));
        h.start(h.flows.get(PARENT), "go", h.messageId());
        c.optOut(ConsentMethod.API, "admin", null, NOW);
        Sprint s = h.reply("Ravi", h.messageId());
        assertEquals(MessageStatus.REFUSED, s.messages().get(0).status());
        assertEquals(1, s.messages().size());
        for (Run r : s.runs()) {
            assertEquals(RunStatus.FAILED, r.status());
            assertEquals(OPTED_OUT, r.endReason());
        }
        assertEquals(2, s.runs().size());
        assertTrue(h.active().isEmpty());
    }

    // ---- loops, random, bookkeeping -------------------------------------------------------------------------

    @Test
    void aSprintThatLoopsWithoutWaitingOrSendingFailsAfter100NodesAsALoop() {
        Flow loop = flow(flowUuid(1), node("a", "b", new SetRunResult("r", "Count", "x", null)),
                node("b", "a", new SetRunResult("r", "Count", "y", null)));
        EngineHarness h = new EngineHarness(Fixtures.contact(), loop);
        Sprint s = h.start(loop, "go", h.messageId());
        Run run = s.runs().get(0);
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), run.endReason());
    }

    @Test
    void aSprintThatLoopsWithoutWaitingSendsItsTextThreeTimesNot50() {
        // the step guard alone would let 50 copies of "again" out first
        Flow loop = flow(flowUuid(1), node("a", "b", sendMsg("s", "again")),
                node("b", "a", new SetRunResult("r", "Count", "x", null)));
        EngineHarness h = new EngineHarness(Fixtures.contact(), loop);
        Sprint s = h.start(loop, "go", h.messageId());
        Run run = s.runs().get(0);
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), run.endReason());
        assertEquals(List.of("again", "again", "again"), texts(s), "the fourth copy is not even recorded");
        assertTrue(s.messages().stream().allMatch(m -> m.status() == MessageStatus.QUEUED));
    }

    @Test
    void aTwoNodeCycleSendsEachOfItsTextsThreeTimes() {
        Flow loop = flow(flowUuid(1), node("a", "b", sendMsg("s1", "ping")), node("b", "a", sendMsg("s2", "pong")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), loop);
        Sprint s = h.start(loop, "go", h.messageId());
        assertEquals(List.of("ping", "pong", "ping", "pong", "ping", "pong"), texts(s));
        assertEquals(RunStatus.INTERRUPTED, s.runs().get(0).status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), s.runs().get(0).endReason());
    }

    @Test
    void aLoopWithEverChangingTextsStillStopsAtTheStepLimitKeepingOnlyWhatTheRuleAllows() {
        // a counter in the text: no text repeats, so only the step guard stops it
        Flow loop = flow(flowUuid(1),
                node("a", "b", new SetRunResult("r", "N", "@results.n.value+", null)),
                node("b", "a", sendMsg("s", "step @results.n")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), loop);
        Sprint s = h.start(loop, "go", h.messageId());
        assertEquals(RunStatus.FAILED, s.runs().get(0).status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), s.runs().get(0).endReason());
        assertEquals(s.messages().size(), new HashSet<>(texts(s)).size(), "each text at most once");
    }

    @Test
    void theLoopRuleCountsAcrossSprintsAndForgetsAfterSixHours() {
        Flow once = flow(flowUuid(1), node("a", null, sendMsg("s", "Today's tip")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), once);
        for (int i = 0; i < 3; i++) {
            Sprint s = h.start(once, Trigger.none(), NOW.plus(Duration.ofHours(i)));
            assertEquals(RunStatus.COMPLETED, s.runs().get(0).status(), "copy " + (i + 1));
        }
        Sprint fourth = h.start(once, Trigger.none(), NOW.plus(Duration.ofHours(3)));
        assertTrue(fourth.messages().isEmpty());
        assertEquals(RunStatus.INTERRUPTED, fourth.runs().get(0).status());
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), fourth.runs().get(0).endReason());

        // six hours after the first copy, only two copies remain within the window
        Sprint later = h.start(once, Trigger.none(), NOW.plus(Duration.ofHours(6)).plusSeconds(1));
        assertEquals(List.of("Today's tip"), texts(later));
        assertEquals(RunStatus.COMPLETED, later.runs().get(0).status());
    }

    @Test
    void aRefusedTextDoesNotCountAsSent() {
        Contact c = Fixtures.contact();
        c.optOut(ConsentMethod.API, "api", null, NOW.minusSeconds(10));
        Flow once = flow(flowUuid(1), node("a", null, sendMsg("s", "Hello")));
        EngineHarness h = new EngineHarness(c, once);
        for (int i = 0; i < 4; i++) {
            Sprint s = h.start(once, Trigger.none(), NOW.plusSeconds(i));
            assertEquals(OPTED_OUT, s.runs().get(0).endReason());
        }
        assertTrue(c.recentFlowTexts().isEmpty());
    }

    @Test
    void exactly100NodesIsAllowedAnd101IsNot() {
        assertEquals(RunStatus.COMPLETED, runChain(100).status());
        assertEquals(RunStatus.FAILED, runChain(101).status());
    }

    private static Run runChain(int length) {  // nodes without actions: only the step guard applies
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < length; i++) nodes.add(node("n" + i, i + 1 < length ? "n" + (i + 1) : null));
        Flow chain = new Flow(flowUuid(2), "chain", nodes, 0, List.of(), false, true);
        EngineHarness h = new EngineHarness(Fixtures.contact(), chain);
        return h.start(chain, "go", h.messageId()).runs().get(0);
    }

    @Test
    void theStepLimitCountsPerSprint() {
        // 60 nodes, a wait, 60 nodes: each sprint stays under the limit
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 60; i++) nodes.add(node("a" + i, i < 59 ? "a" + (i + 1) : "wait"));
        nodes.add(switchOn("wait", "@input.text").waiting().other("b0").build());
        for (int i = 0; i < 60; i++) nodes.add(node("b" + i, i < 59 ? "b" + (i + 1) : null));
        Flow f = new Flow(flowUuid(3), "long", nodes, 0, List.of(), false, true);
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        assertTrue(h.start(f, "go", h.messageId()).runs().get(0).waiting());
        assertEquals(RunStatus.COMPLETED, h.reply("x", h.messageId()).runs().get(0).status());
    }

    @Test
    void aRandomRouterPicksTheCategoryTheGeneratorGives() {
        RandomGenerator second = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return 1;
            }
        };
        Flow f = flow(flowUuid(1),
                random("dice").branch("A", "a").branch("B", "b").result("Dice").build(),
                node("a", null, sendMsg("a1", "went A")),
                node("b", null, sendMsg("b1", "went B")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), second, f);
        Sprint s = h.start(f, "go", h.messageId());
        assertEquals(List.of("went B"), texts(s));
        assertEquals("B", s.runs().get(0).results().get("dice").category());
    }

    @Test
    void aSharedRandomSourceSpreadsOverAllCategories() {
        Flow f = flow(flowUuid(1),
                random("dice").branch("A", "a").branch("B", "b").build(),
                node("a", null, sendMsg("a1", "A")),
                node("b", null, sendMsg("b1", "B")));
        // the source bootstrap hands in: fetched per call, so one engine can serve several threads
        FlowEngine engine = new FlowEngine(u -> Optional.empty(), new SendPolicy(), UUID::randomUUID,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextLong());
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 200 && seen.size() < 2; i++) {
            seen.addAll(texts(engine.start(f, new Session(Fixtures.contact(), List.of(), null), Trigger.none(), NOW)));
        }
        assertEquals(2, seen.size());
    }

    @Test
    void aRunIsListedOnceHoweverOftenItChanges() {
        EngineHarness h = new EngineHarness(Fixtures.contact(), TestFlows.optin());
        h.start(h.flows.get(TestFlows.OPTIN_FLOW), "optin", h.messageId());
        Sprint s = h.reply("what?", h.messageId()); // routes, resends, waits again
        assertEquals(1, s.runs().size());
    }

    @Test
    void withoutATriggerMessageThereIsNoInputNorEvidence() {
        Flow f = flow(flowUuid(1), node("n", null, sendMsg("s", "[@input]"),
                new io.consentflow.domain.flow.action.SetContactField("f", "settings", null, "optin")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Sprint s = h.start(f, Trigger.none(), NOW);
        assertEquals(List.of("[]"), texts(s));
        assertTrue(h.contact.consent().optedIn());
        assertNull(h.contact.consent().evidence());
    }
}
