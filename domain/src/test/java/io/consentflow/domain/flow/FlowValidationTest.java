package io.consentflow.domain.flow;

import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.Wait;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static io.consentflow.domain.fixtures.TestFlows.enterFlow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowValidationTest {
    private static final String UUID = flowUuid(100);

    /** Refused; the caller checks where and why. */
    private static InvalidFlowException refused(List<Node> nodes) {
        return assertThrows(InvalidFlowException.class,
                () -> new Flow(UUID, "broken", nodes, 0, List.of(), false, true));
    }

    private static InvalidFlowException refused(List<Node> nodes, String rule) {
        return assertRefused(InvalidFlowException.class, rule,
                () -> new Flow(UUID, "broken", nodes, 0, List.of(), false, true));
    }

    private static Node routerNode(String uuid, Router router, List<Exit> exits) {
        return new Node(uuid, List.of(), router, exits);
    }

    @Test
    void theSeededShapesAreValid() {
        Flow optin = TestFlows.optin();
        assertEquals(TestFlows.OPTIN_ASK, optin.startNode().uuid());
        assertEquals(6, optin.nodes().size());
        assertTrue(optin.node(TestFlows.OPTIN_WAIT).isPresent());
        assertTrue(optin.ignoreKeywords());
        assertEquals(2, TestFlows.optout().keywords().size());
    }

    @Test
    void aFlowWithoutNodesIsRefused() {
        InvalidFlowException e = refused(List.of());
        assertTrue(e.getMessage().contains("at least one node"), e.getMessage());
    }

    @Test
    void anExitToAMissingNodeIsRefusedNamingTheNode() {
        InvalidFlowException e = refused(List.of(node("n1", "n2", sendMsg("a", "x")), node("n2", "nowhere")));
        assertTrue(e.where().contains("n2"), e.where());
        assertTrue(e.detail().contains("nowhere"), e.detail());
    }

    @Test
    void aCategoryToAMissingExitIsRefused() {
        Router router = new Router(Router.Kind.SWITCH, "@input.text", List.of(),
                List.of(new Category("c1", "Other", "missing-exit")), "c1", null, null);
        InvalidFlowException e = refused(List.of(routerNode("r1", router, List.of(new Exit("e1", null)))));
        assertTrue(e.where().contains("r1") && e.where().contains("Other"), e.where());
        assertTrue(e.detail().contains("missing-exit"), e.detail());
    }

    @Test
    void aCaseToAMissingCategoryIsRefused() {
        Router router = new Router(Router.Kind.SWITCH, "@input.text",
                List.of(new Case("k1", CaseTest.of("has_text", List.of()), "ghost")),
                List.of(new Category("c1", "Other", "e1")), "c1", null, null);
        InvalidFlowException e = refused(List.of(routerNode("r1", router, List.of(new Exit("e1", null)))));
        assertTrue(e.where().contains("r1") && e.where().contains("k1"), e.where());
        assertTrue(e.detail().contains("ghost"), e.detail());
    }

    @Test
    void aSwitchNeedsItsDefaultCategory() {
        Router router = new Router(Router.Kind.SWITCH, "@input.text", List.of(),
                List.of(new Category("c1", "Other", "e1")), "c9", null, null);
        refused(List.of(routerNode("r1", router, List.of(new Exit("e1", null)))),
                "default category c9 is not a category");
    }

    @Test
    void theTimeoutCategoryMustExist() {
        Router router = new Router(Router.Kind.SWITCH, "@input.text", List.of(),
                List.of(new Category("c1", "Other", "e1")), "c1", new Wait(60, "c-missing"), null);
        InvalidFlowException e = refused(List.of(routerNode("r1", router, List.of(new Exit("e1", null)))));
        assertTrue(e.where().contains("timeout"), e.where());
        assertEquals("timeout category c-missing is not a category", e.detail());
    }

    @Test
    void enterFlowWithoutAFlowUuidIsRefused() {
        InvalidFlowException e = refused(List.of(node("n1", null, enterFlow("a1", " "))));
        assertTrue(e.where().contains("n1") && e.where().contains("actions[0]"), e.where());
        assertEquals("enter_flow names no flow", e.detail());
    }

    @Test
    void duplicateNodesAndMissingExitsAreRefused() {
        refused(List.of(node("n1", null), node("n1", null)), "duplicate node uuid");
        refused(List.of(new Node("n1", List.of(), null, List.of())), "node has no exits");
        refused(List.of(new Node("n1", List.of(), null, List.of(new Exit("e1", null), new Exit("e2", null)))),
                "a node without a router must have exactly one exit");
    }

    @Test
    void theFlowUuidMustBeAUuid() {
        assertRefused(InvalidFlowException.class, "flow uuid is missing or not a UUID",
                () -> new Flow("not-a-uuid", "x", List.of(node("n1", null)), 0, List.of(), false, true));
    }

    @Test
    void expiryDefaultsToAWeek() {
        Flow f = new Flow(UUID, null, List.of(node("n1", null)), 0, null, false, true);
        assertEquals(Flow.DEFAULT_EXPIRE_AFTER_MINUTES, f.expireAfterMinutes());
        assertEquals("flow " + UUID, f.name());
    }

    @Test
    void aFlowHasAtMostAThousandKeywords() {
        // every import and catalogue reload handles each keyword: a bound keeps a mistaken import cheap
        List<io.consentflow.domain.keyword.Keyword> many = java.util.stream.IntStream.rangeClosed(1, 1001)
                .mapToObj(i -> io.consentflow.domain.keyword.Keyword.of("k" + i)).toList();
        assertEquals(1000, new Flow(UUID, "ok", List.of(node("n1", null)), 0, many.subList(0, 1000), false, true)
                .keywords().size());
        InvalidFlowException e = assertThrows(InvalidFlowException.class,
                () -> new Flow(UUID, "many", List.of(node("n1", null)), 0, many, false, true));
        assertEquals("keywords", e.where());
        assertEquals("a flow has at most 1000 keywords, this one has 1001", e.detail());
        Flow ok = new Flow(UUID, "ok", List.of(node("n1", null)), 0, List.of(), false, true);
        assertRefused(InvalidFlowException.class, "keywords: a flow has at most 1000 keywords",
                () -> ok.withTriggers(many, false, true));
    }
}
