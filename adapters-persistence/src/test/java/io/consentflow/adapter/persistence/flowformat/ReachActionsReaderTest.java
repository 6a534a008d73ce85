package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.ImportWarning;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.CallClassifier;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.OpenTicket;
import io.consentflow.domain.flow.action.SendBroadcast;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SetContactStatus;
import io.consentflow.domain.flow.action.StartSession;
import io.consentflow.domain.flow.router.IntentTest;
import io.consentflow.domain.message.Interactive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reaching actions as goflow and Glific write them, and the warnings the import answers. */
class ReachActionsReaderTest {
    private static final String NODE = "nodes[0] (9e3f2a41-0000-4a6b-9c8d-0000000000a1)";

    private static FlowToImport read(String json) {
        return new FlowFormat().readImport(json, List.of(), false).get(0);
    }

    @Test
    void eachActionIsReadAsWritten() {
        List<Action> actions = read(FlowFiles.read("reach-actions.json")).flow().startNode().actions();
        SendBroadcast b = (SendBroadcast) actions.get(0);
        assertEquals("Hi @contact.name", b.message().text());
        assertEquals(List.of("OK"), b.message().quickReplies());
        assertEquals(List.of("whatsapp:919800000001"), b.recipients().urns());
        assertEquals(List.of("7", "+919800000002"), b.recipients().contacts());
        assertEquals(List.of("Volunteers"), b.recipients().groups());
        assertEquals(List.of("@contact.fields.buddy"), b.recipients().legacyVars());
        StartSession s = (StartSession) actions.get(1);
        assertEquals("9e3f2a41-0000-4a6b-9c8d-0000000000c2", s.flowUuid());
        assertTrue(s.skipContactsInAFlow());
        assertEquals(SetContactStatus.Status.STOPPED, ((SetContactStatus) actions.get(2)).status());
        Interactive location = ((SendInteractiveMsg) actions.get(3)).message();
        assertEquals(Interactive.Kind.LOCATION_REQUEST, location.kind());
        assertEquals("Please send your location", location.text());
        OpenTicket t = (OpenTicket) actions.get(4);
        assertEquals(List.of("Query", "@results.query", "u-12", "result"),
                List.of(t.topic(), t.body(), t.assignee(), t.resultName()));
        assertEquals("_nlp Classification", ((CallClassifier) actions.get(5)).resultName());
        assertTrue(((EnterFlow) actions.get(6)).terminal());
        assertEquals(new IntentTest(true, "glific.info", new BigDecimal(".85")),
                read(FlowFiles.read("reach-actions.json")).flow().startNode().router().cases().get(0).test());
    }

    @Test
    void theImportWarnsOfWhatBehavesDifferentlyFromGlificNamingWhere() {
        List<ImportWarning> warnings = read(FlowFiles.read("reach-actions.json")).warnings();
        List<String> paths = warnings.stream().map(ImportWarning::path).toList();
        assertEquals(List.of(NODE + ".actions[0].contacts[0]", NODE + ".actions[0].contact_query",
                NODE + ".actions[1].create_contact", NODE + ".actions[5]", NODE + ".router.cases[0]",
                NODE + ".router.cases[1]", "localization.xx-nowhere"), paths);
        assertTrue(warnings.get(0).detail().contains("SaaS Admin"), warnings.get(0).detail());
        assertTrue(warnings.get(3).detail().contains("no classifier"), warnings.get(3).detail());
    }

    @Test
    void aFunctionWebhookIsWarnedOfUnlessRegistered() {
        String flow = """
                {"uuid":"9e3f2a41-0000-4a6b-9c8d-0000000000c3","name":"F","nodes":[
                 {"uuid":"9e3f2a41-0000-4a6b-9c8d-0000000000a3","actions":[
                   {"uuid":"9e3f2a41-0000-4a6b-9c8d-0000000000b9","type":"call_webhook","method":"FUNCTION","url":"parse_via_gpt","result_name":"gpt"}],
                  "exits":[{"uuid":"9e3f2a41-0000-4a6b-9c8d-0000000000e9","destination_uuid":null}]}]}""";
        // call_webhook itself is the webhooks work: until it is read, only the warning's scan is checked here
        com.fasterxml.jackson.databind.JsonNode definition;
        try {
            definition = FlowFormat.PARSE.readTree(flow);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<ImportWarning> unregistered = ImportWarnings.of(definition, "", name -> false);
        assertEquals(List.of("nodes[0] (9e3f2a41-0000-4a6b-9c8d-0000000000a3).actions[0].url"),
                unregistered.stream().map(ImportWarning::path).toList());
        assertTrue(ImportWarnings.of(definition, "", "parse_via_gpt"::equals).isEmpty());
    }

    @Test
    void whatCannotRunIsStillRefusedNamingThePath() {
        String bad = FlowFiles.read("reach-actions.json").replace("\"status\":\"stopped\"", "\"status\":\"paused\"");
        FlowFormatException e = assertThrows(FlowFormatException.class, () -> read(bad));
        assertEquals(NODE + ".actions[2].status", e.where());
        assertTrue(e.detail().contains("paused"), e.detail());
        String threshold = FlowFiles.read("reach-actions.json").replace("\".85\"", "\"high\"");
        FlowFormatException t = assertThrows(FlowFormatException.class, () -> read(threshold));
        assertEquals(NODE + ".router.cases[0]", t.where());
        String noFlow = FlowFiles.read("reach-actions.json").replace(
                "\"type\":\"start_session\",\"flow\":{\"uuid\":\"9e3f2a41-0000-4a6b-9c8d-0000000000c2\",\"name\":\"News\"},",
                "\"type\":\"start_session\",");
        assertEquals(NODE + ".actions[1].flow", assertThrows(FlowFormatException.class, () -> read(noFlow)).where());
    }

    @Test
    void recipientsAreNamedByPhonesNotByGlificsIds() {
        assertEquals(new Phone("919800000002"), io.consentflow.domain.flow.effect.Recipients
                .contactPhone("+919800000002").orElseThrow());
        assertFalse(io.consentflow.domain.flow.effect.Recipients.contactPhone("7").isPresent());
        assertFalse(io.consentflow.domain.flow.effect.Recipients.contactPhone("1234567").isPresent());
        assertEquals(new Phone("919800000001"), io.consentflow.domain.flow.effect.Recipients
                .phoneOf("whatsapp:919800000001").orElseThrow());
        assertFalse(io.consentflow.domain.flow.effect.Recipients.phoneOf("mailto:a@b.c").isPresent());
    }
}
