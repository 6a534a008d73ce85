package io.consentflow.domain.engine;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.AddInputLabels;
import io.consentflow.domain.flow.action.RemoveContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.action.SetContactName;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each action type, run by the engine in a one-node flow started by the message "Ravi Kumar". */
class ActionsTest {
    private static final String FLOW = flowUuid(20);

    private EngineHarness harness;
    private UUID triggerId;

    private Sprint run(Action... actions) {
        Flow f = flow(FLOW, node("n1", null, actions));
        harness = new EngineHarness(Fixtures.contact(), f);
        harness.contact.addGroups(List.of("Old", "Kept"));
        triggerId = harness.messageId();
        Sprint s = harness.start(f, "Ravi Kumar", triggerId);
        assertEquals(RunStatus.COMPLETED, s.runs().get(0).status(), "the flow runs to its end");
        return s;
    }

    @Test
    void sendMsgRendersTextAndQuickReplies() {
        Sprint s = run(new SendMsg("a", "Hi @contact.name, you said @input.text",
                List.of("Yes @contact.name", "No"), List.of()));
        OutboundMessage m = s.messages().get(0);
        assertEquals("Hi Asha, you said Ravi Kumar", m.text());
        assertEquals(MessageType.TEXT, m.type());
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(new OutboundContent.Text("Hi Asha, you said Ravi Kumar", List.of("Yes Asha", "No")), m.content());
    }

    @Test
    void sendInteractiveMsgRendersEveryPartOfAList() {
        Interactive list = new Interactive(Interactive.Kind.LIST, "For @contact.name", "Pick one, @contact.name",
                List.of(), "Menu @contact.language", List.of(new Interactive.Section("Topics @input",
                List.of(new Interactive.Row("Health @contact.name", "About @input"),
                        new Interactive.Row("Jobs", null)))));
        Sprint s = run(new SendInteractiveMsg("a", "menu", list));
        OutboundMessage m = s.messages().get(0);
        assertEquals(MessageType.INTERACTIVE, m.type());
        assertEquals("Pick one, Asha", m.text());
        Interactive rendered = ((OutboundContent.InteractiveContent) m.content()).message();
        assertEquals(new Interactive(Interactive.Kind.LIST, "For Asha", "Pick one, Asha", List.of(), "Menu eng",
                List.of(new Interactive.Section("Topics Ravi Kumar",
                        List.of(new Interactive.Row("Health Asha", "About Ravi Kumar"),
                                new Interactive.Row("Jobs", null))))), rendered);
    }

    @Test
    void sendInteractiveMsgRendersButtons() {
        Interactive qr = new Interactive(Interactive.Kind.QUICK_REPLY, null, "Hi @contact.name",
                List.of("I am @contact.name", "Not me"), null, List.of());
        Interactive rendered = ((OutboundContent.InteractiveContent) run(new SendInteractiveMsg("a", "q", qr))
                .messages().get(0).content()).message();
        assertEquals(List.of("I am Asha", "Not me"), rendered.buttons());
        assertNull(rendered.header());
    }

    @Test
    void setContactFieldSetsARenderedField() {
        run(new SetContactField("a", "full_name", "Full name", "@input.text!"));
        assertEquals(Map.of("full_name", "Ravi Kumar!"), harness.contact.fields());
    }

    @ParameterizedTest
    @ValueSource(strings = {"optin", " OptIn ", "OPTIN"})
    void settingsOptinOptsInWithTheTriggerAsEvidence(String value) {
        run(new SetContactField("a", "Settings", "Consent status", value));
        assertEquals(ConsentState.OPTED_IN, harness.contact.consent().state());
        assertEquals(ConsentMethod.FLOW, harness.contact.consent().method());
        assertEquals(triggerId.toString(), harness.contact.consent().evidence());
        assertEquals(FLOW, harness.contact.newConsentChanges().get(0).flowUuid());
        assertEquals(NOW, harness.contact.consent().at());
        assertTrue(harness.contact.fields().isEmpty(), "consent is not stored as a field");
    }

    @Test
    void settingsOptoutOptsOut() {
        run(new SetContactField("a", "settings", "Settings", "OptOut"));
        assertEquals(ConsentState.OPTED_OUT, harness.contact.consent().state());
        assertEquals(ContactStatus.INVALID, harness.contact.status());
        assertEquals(triggerId.toString(), harness.contact.consent().evidence());
    }

    @Test
    void anotherSettingsValueIsAPreference() {
        run(new SetContactField("a", "settings", "Settings", "weekly"));
        assertEquals(Map.of("settings", "weekly"), harness.contact.fields());
        assertEquals(ConsentState.UNKNOWN, harness.contact.consent().state());
    }

    @Test
    void aConsentValueUnderAnotherKeyIsJustAField() {
        run(new SetContactField("a", "newsletter", "Newsletter", "optin"));
        assertEquals(Map.of("newsletter", "optin"), harness.contact.fields());
        assertEquals(ConsentState.UNKNOWN, harness.contact.consent().state());
    }

    @Test
    void setContactNameAndLanguageAreRendered() {
        run(new SetContactName("a", "@input.text"), new SetContactLanguage("b", " hin "));
        assertEquals("Ravi Kumar", harness.contact.name());
        assertEquals("hin", harness.contact.language());
    }

    @Test
    void groupsAreAddedAndRemoved() {
        run(new AddContactGroups("a", List.of("New", "Other")), new RemoveContactGroups("b", List.of("Old", "Other"), false));
        assertEquals(Set.of("Kept", "New"), harness.contact.groups());
    }

    @Test
    void removeAllGroupsEmptiesThem() {
        run(new AddContactGroups("a", List.of("New")), new RemoveContactGroups("b", List.of(), true));
        assertTrue(harness.contact.groups().isEmpty());
    }

    @Test
    void addInputLabelsChangesNothing() {
        Sprint s = run(new AddInputLabels("a", List.of("Important")));
        assertTrue(s.messages().isEmpty());
        assertTrue(harness.contact.fields().isEmpty());
        assertEquals(Set.of("Old", "Kept"), harness.contact.groups());
        assertTrue(s.runs().get(0).results().isEmpty());
    }

    @Test
    void setRunResultSavesARenderedValueUsableLater() {
        Sprint s = run(new SetRunResult("a", "Favourite Colour", "@input.text", "Named"),
                new SendMsg("b", "You like @results.favourite_colour (@results.favourite_colour.category)",
                        List.of(), List.of()));
        Run run = s.runs().get(0);
        assertEquals(new RunResult("Favourite Colour", "Ravi Kumar", "Named", "Ravi Kumar", "n1", NOW),
                run.results().get("favourite_colour"));
        assertEquals("You like Ravi Kumar (Named)", s.messages().get(0).text());
    }

    @Test
    void actionsRunInOrderAndStopAtARefusal() {
        Flow f = flow(FLOW, node("n1", null,
                new SetContactField("a", "settings", null, "optout"),
                new SendMsg("b", "too late", List.of(), List.of()),
                new SetContactName("c", "never")));
        EngineHarness h = new EngineHarness(Fixtures.contact(), f);
        Sprint s = h.start(f, "x", h.messageId());
        assertEquals(MessageStatus.REFUSED, s.messages().get(0).status());
        assertEquals("contact_opted_out", s.messages().get(0).refusal().code());
        assertEquals(RunStatus.FAILED, s.runs().get(0).status());
        assertEquals("Asha", h.contact.name(), "actions after the refusal did not run");
    }
}
