package io.consentflow.domain.policy;

import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.keyword.Keyword;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.keywordFlow;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only a flow that contains the opt-in action may be the opt-in flow. */
class FlowRolesTest {
    private final Flow optin = TestFlows.optin();                       // keyword optin, has the action
    private final Flow promo = keywordFlow(flowUuid(1), false, "promo"); // no opt-in action
    private final Flow promoKeyedOptin = keywordFlow(flowUuid(2), false, "optin");

    private static Flow withAction(String uuid, String key, String value) {
        return new Flow(uuid, "f", List.of(node("n", null, new SetContactField("a", key, "Consent status", value))),
                0, List.of(Keyword.of("x" + uuid.substring(uuid.length() - 2))), false, true);
    }

    @Test
    void theOptinActionIsSettingsEqualsOptinInAnyCaseAndNothingElse() {
        assertTrue(optin.recordsOptin());
        assertTrue(withAction(flowUuid(10), " Settings ", " OptIn ").recordsOptin());
        assertFalse(withAction(flowUuid(11), "settings", "optout").recordsOptin());
        assertFalse(withAction(flowUuid(12), "preference", "optin").recordsOptin());
        assertFalse(withAction(flowUuid(13), "settings", "@results.answer").recordsOptin(), "known only when run");
        assertFalse(promo.recordsOptin());
    }

    @Test
    void theSettingsFlowIsTheOptinFlowOnlyIfItQualifies() {
        assertEquals(Optional.of(optin), FlowRoles.optinFlow(List.of(optin, promo), new OrgSettings(optin.uuid(), null)));
        // a setting naming a flow without the action falls back to the qualified flow keyed optin
        assertEquals(Optional.of(optin), FlowRoles.optinFlow(List.of(optin, promo), new OrgSettings(promo.uuid(), null)));
        assertEquals(Optional.empty(), FlowRoles.optinFlow(List.of(promo), new OrgSettings(promo.uuid(), null)));
    }

    @Test
    void aFlowKeyedOptinWithoutTheActionIsNotTheOptinFlow() {
        assertEquals(Optional.empty(), FlowRoles.optinFlow(List.of(promoKeyedOptin), OrgSettings.NONE));
        assertTrue(new FlowRoles(Optional.of(promoKeyedOptin), Optional.empty(), Optional.empty()).optin().isEmpty());
        assertFalse(new FlowRoles(Optional.of(promoKeyedOptin), Optional.empty(), Optional.empty())
                .isOptin(promoKeyedOptin.uuid()));
    }

    @Test
    void anInactiveFlowIsNotTheOptinFlow() {
        Flow off = optin.withTriggers(optin.keywords(), optin.ignoreKeywords(), false);
        assertEquals(Optional.empty(), FlowRoles.optinFlow(List.of(off), new OrgSettings(off.uuid(), null)));
    }
}
