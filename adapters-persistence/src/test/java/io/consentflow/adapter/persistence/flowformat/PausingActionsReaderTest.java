package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.action.CallWebhook;
import io.consentflow.domain.flow.action.WaitForResult;
import io.consentflow.domain.flow.action.WaitForTime;
import io.consentflow.domain.keyword.Keyword;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** call_webhook, wait_for_time and wait_for_result as Glific exports them. */
class PausingActionsReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowFormat reader = new FlowFormat();

    private Flow read(String definition) {
        return reader.readDefinition(definition, List.of(Keyword.of("plan")), false, true);
    }

    private static Object action(Flow flow, int node) {
        return flow.nodes().stream().filter(n -> n.uuid().startsWith("a" + node)).findFirst().orElseThrow()
                .actions().get(0);
    }

    @Test
    void readsTheThreeActionsAsGlificWritesThem() {
        Flow flow = read(FlowFiles.read("webhooks.json"));
        assertEquals(new CallWebhook("a1000000-0000-4000-8000-0000000000a1", "POST",
                "https://example.org/plans?phone=@contact.phone",
                Map.of("Accept", "application/json", "Authorization", "Token @contact.fields.token"),
                "{\n  \"name\": \"@contact.name\"\n}", "plan"), action(flow, 1));
        assertEquals(new WaitForTime("a2000000-0000-4000-8000-0000000000a2", 60), action(flow, 2));
        assertEquals(new WaitForResult("a3000000-0000-4000-8000-0000000000a3", 600, null), action(flow, 3));
        CallWebhook function = (CallWebhook) action(flow, 4);
        assertEquals("FUNCTION", function.method());
        assertEquals("lookup_plan", function.url());
        assertEquals("fn", function.resultName());
    }

    @Test
    void aDelayMayBeANumberOrBlank_andAMethodAnyCase() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(FlowFiles.read("webhooks.json"));
        ((ObjectNode) tree.at("/nodes/1/actions/0")).put("delay", 90);
        ((ObjectNode) tree.at("/nodes/2/actions/0")).put("delay", " ").put("result_name", "answer");
        ((ObjectNode) tree.at("/nodes/0/actions/0")).put("method", "get");
        Flow flow = read(tree.toString());
        assertEquals(90, ((WaitForTime) action(flow, 2)).delaySeconds());
        assertEquals(new WaitForResult("a3000000-0000-4000-8000-0000000000a3", 0, "answer"), action(flow, 3));
        assertEquals("GET", ((CallWebhook) action(flow, 1)).method());
    }

    @Test
    void refusesAnUnknownMethodABadDelayAndAMissingUrl_namingTheField() throws Exception {
        assertRefused("/nodes/0/actions/0", "method", "HEAD", "nodes[0] (a1000000-0000-4000-8000-000000000001)"
                + ".actions[0].method", "must be GET, POST, PUT, PATCH, DELETE or FUNCTION, not 'HEAD'");
        assertRefused("/nodes/1/actions/0", "delay", "soon", "nodes[1] (a2000000-0000-4000-8000-000000000002)"
                + ".actions[0].delay", "must be a whole number of seconds, not 'soon'");
        ObjectNode tree = (ObjectNode) JSON.readTree(FlowFiles.read("webhooks.json"));
        ((ObjectNode) tree.at("/nodes/0/actions/0")).remove("url");
        FlowFormatException e = assertThrows(FlowFormatException.class, () -> read(tree.toString()));
        assertEquals("nodes[0] (a1000000-0000-4000-8000-000000000001).actions[0].url", e.where());
        ObjectNode numericHeader = (ObjectNode) JSON.readTree(FlowFiles.read("webhooks.json"));
        ((ObjectNode) numericHeader.at("/nodes/0/actions/0/headers")).put("X-Count", 3);
        FlowFormatException h = assertThrows(FlowFormatException.class, () -> read(numericHeader.toString()));
        assertEquals("nodes[0] (a1000000-0000-4000-8000-000000000001).actions[0].headers.X-Count", h.where());
    }

    private void assertRefused(String at, String field, String value, String where, String detail) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(FlowFiles.read("webhooks.json"));
        ((ObjectNode) tree.at(at)).put(field, value);
        FlowFormatException e = assertThrows(FlowFormatException.class, () -> read(tree.toString()));
        assertEquals(where, e.where());
        assertEquals(detail, e.detail());
    }
}
