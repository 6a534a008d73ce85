package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.router.Wait;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Wrong types, hostile input and fuzzing: the reader answers a flow or an FlowFormatException, nothing else. */
class DefinitionReaderRobustnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowFormat reader = new FlowFormat();

    /** One node sending a message and waiting; {@code %s} placeholders let a case swap one part. */
    private static final String BASE = """
            {"uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0a1b2c3d4e5f", %s
             "nodes": [{"uuid": "9d5e7c1a-2b3f-4a6d-8e9f-00000000000a",
                        "actions": [%s],
                        "router": %s,
                        "exits": [{"uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000e1", "destination_uuid": null}]}]}
            """;
    private static final String SEND = "{\"type\": \"send_msg\", \"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1\", "
            + "\"text\": \"Hi\"}";
    private static final String ROUTER = "{\"type\": \"switch\", \"operand\": \"@input.text\", "
            + "\"wait\": {\"type\": \"msg\", \"timeout\": {\"seconds\": 60, "
            + "\"category_uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000c1\"}}, "
            + "\"cases\": [{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000d1\", \"type\": \"has_any_word\", "
            + "\"arguments\": [\"yes\"], \"category_uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000c1\"}], "
            + "\"categories\": [{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000c1\", \"name\": \"All\", "
            + "\"exit_uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000e1\"}], "
            + "\"default_category_uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000c1\"}";
    private static final String NODE = "nodes[0] (9d5e7c1a-2b3f-4a6d-8e9f-00000000000a)";

    private static String flow(String top, String actions, String router) {
        return String.format(BASE, top, actions, router);
    }

    private FlowFormatException refused(String json) {
        return assertThrows(FlowFormatException.class, () -> reader.readDefinition(json, List.of(), false, true));
    }

    private static String interactive(String message) {
        return "{\"type\": \"send_interactive_msg\", \"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000a2\", \"text\": "
                + JSON.getNodeFactory().textNode(message) + "}";
    }

    @Test
    void theBaseFlowReads() {
        assertEquals("Base", reader.readDefinition(flow("\"name\": \"Base\",", SEND, ROUTER), List.of(), false, true).name());
        assertEquals(1, reader.readDefinition(flow("", SEND, "null"), List.of(), false, true).nodes().size());
        assertEquals("uuid", refused(flow("", SEND, ROUTER).replace("0a1b2c3d4e5f", "x")).where());
        assertEquals("definition.uuid", refused("{\"uuid\": 5, \"nodes\": []}").where());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            name is a number            | `"name": 5,`                         | definition.name                 | must be a string
            expire is text              | `"expire_after_minutes": "ten",`     | definition.expire_after_minutes | must be a whole number below 2^31
            expire is huge              | `"expire_after_minutes": 99999999999999999999999,` | definition.expire_after_minutes | must be a whole number below 2^31
            expire is a fraction        | `"expire_after_minutes": 1.5,`       | definition.expire_after_minutes | must be a whole number below 2^31
            ui is a list                | `"_ui": [],`                         | definition._ui                  | must be an object
            ui position is text         | `"_ui": {"nodes": {"9d5e7c1a-2b3f-4a6d-8e9f-00000000000a": {"position": {"top": "high", "left": 0}}}},` | definition._ui.nodes[9d5e7c1a-2b3f-4a6d-8e9f-00000000000a].position.top | must be a number
            ui position is infinite     | `"_ui": {"nodes": {"9d5e7c1a-2b3f-4a6d-8e9f-00000000000a": {"position": {"top": 1e999, "left": 0}}}},` | definition._ui.nodes[9d5e7c1a-2b3f-4a6d-8e9f-00000000000a].position.top | must be a number
            """)
    void refusesWrongTypesAtTheTop(String name, String top, String where, String detail) {
        FlowFormatException e = refused(flow(top, SEND, ROUTER));
        assertEquals(where, e.where());
        assertEquals(detail, e.detail());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            action without type         | `{"uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "text": "x"}`            | .actions[0].type          | is missing
            action without uuid         | `{"type": "send_msg", "text": "x"}`                                         | .actions[0].uuid          | is missing
            action is a string          | `"send_msg"`                                                                | .actions[0]               | must be an object
            send_msg text is a number   | `{"type": "send_msg", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "text": 7}` | .actions[0].text   | must be a string
            quick reply is a number     | `{"type": "send_msg", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "text": "x", "quick_replies": [1]}` | .actions[0].quick_replies[0] | must be a string
            field without key           | `{"type": "set_contact_field", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "field": {"name": "City"}, "value": "x"}` | .actions[0].field.key | is missing
            group without name          | `{"type": "add_contact_groups", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "groups": [{"uuid": "1"}]}` | .actions[0].groups[0].name | is missing
            all_groups is text          | `{"type": "remove_contact_groups", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "all_groups": "yes"}` | .actions[0].all_groups | must be true or false
            enter_flow without flow     | `{"type": "enter_flow", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1"}`  | .actions[0].flow          | is missing
            interactive text is a list  | `{"type": "send_interactive_msg", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1", "text": []}` | .actions[0].text | must be the interactive message as a JSON string
            interactive without text    | `{"type": "send_interactive_msg", "uuid": "9d5e7c1a-2b3f-4a6d-8e9f-0000000000a1"}` | .actions[0].text | is missing
            """)
    void refusesBrokenActions(String name, String action, String where, String detail) {
        FlowFormatException e = refused(flow("", action, "null"));
        assertEquals(NODE + where, e.where());
        assertEquals(detail, e.detail());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown router type  | `"type": "switch"`          | `"type": "loop"`           | .router.type                  | unknown router type 'loop'
            no operand           | `"operand": "@input.text",` | ``                         | .router.operand               | a switch router needs an operand
            unknown wait type    | `"type": "msg"`             | `"type": "dial"`           | .router.wait.type             | unsupported wait type 'dial'
            seconds as text      | `"seconds": 60`             | `"seconds": "60"`          | .router.wait.timeout.seconds  | must be a whole number below 2^31
            negative seconds     | `"seconds": 60`             | `"seconds": -1`            | .router.wait.timeout.seconds  | must be a positive number of seconds
            argument is a number | `"arguments": ["yes"]`      | `"arguments": [1]`         | .router.cases[0].arguments[0] | must be a string
            case without type    | `"type": "has_any_word",`   | ``                         | .router.cases[0].type         | is missing
            bad pattern          | `"type": "has_any_word", "arguments": ["yes"]` | `"type": "has_pattern", "arguments": ["(["]` | .router.cases[0] | has_pattern argument is not a valid pattern: Unclosed character class
            """)
    void refusesBrokenRouters(String name, String from, String to, String where, String detail) {
        assertTrue(ROUTER.contains(from), from);
        FlowFormatException e = refused(flow("", SEND, ROUTER.replace(from, to)));
        assertEquals(NODE + where, e.where());
        assertEquals(detail, e.detail());
    }

    @Test
    void refusesBrokenNodes() {
        String good = flow("", SEND, "null");
        FlowFormatException e = refused(good.replace("\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-00000000000a\",", ""));
        assertEquals("nodes[0].uuid", e.where());
        e = refused(good.replace("\"exits\": [{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0000000000e1\", "
                + "\"destination_uuid\": null}]", "\"exits\": []"));
        assertEquals(NODE, e.where());
        assertEquals("node has no exits", e.detail());
        e = refused("{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0a1b2c3d4e5f\", \"nodes\": [\"a node\"]}");
        assertEquals("nodes[0]", e.where());
        e = refused("{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0a1b2c3d4e5f\", \"nodes\": {}}");
        assertEquals("definition.nodes", e.where());
        e = refused("{\"uuid\": \"9d5e7c1a-2b3f-4a6d-8e9f-0a1b2c3d4e5f\", \"nodes\": [{\"uuid\": \"n\"}]}");
        assertEquals("nodes[0] (n).exits", e.where());
        e = refused("{\"uuid\": \"not-a-uuid\", \"nodes\": [{\"uuid\": \"n\", \"exits\": [{\"uuid\": \"x\"}]}]}");
        assertEquals("uuid", e.where());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            four buttons       | `{"type":"quick_reply","content":{"text":"Pick"},"options":[{"title":"1"},{"title":"2"},{"title":"3"},{"title":"4"}]}` | .options | a quick reply has at most 3 buttons
            no buttons         | `{"type":"quick_reply","content":{"text":"Pick"},"options":[]}`                                                      | .options | a quick reply needs buttons
            button is untitled | `{"type":"quick_reply","content":{"text":"Pick"},"options":[{"type":"text"}]}`                                       | .options[0].title | is missing
            no content         | `{"type":"quick_reply","options":[{"title":"1"}]}`                                                                   | .content | is missing
            unknown type       | `{"type":"poll","body":{"text":"Where?"}}`                                                                           | .type    | unknown interactive message type 'poll'
            location no body   | `{"type":"location_request_message","action":{"name":"send_location"}}`                                              | .body    | is missing
            list without rows  | `{"type":"list","body":"b","globalButtons":[{"title":"Go"}],"items":[{"title":"s","options":[]}]}`                   | .items[0].options | a list section needs rows
            list without items | `{"type":"list","body":"b","globalButtons":[{"title":"Go"}],"items":[]}`                                             | .items   | a list needs sections
            list without body  | `{"type":"list","globalButtons":[{"title":"Go"}],"items":[{"options":[{"title":"r"}]}]}`                             | .body    | is missing
            list without button| `{"type":"list","body":"b","globalButtons":[],"items":[{"options":[{"title":"r"}]}]}`                                | .globalButtons | a list needs its button
            message is a list  | `[]`                                                                                                                  | ``       | must be an object
            duplicate key      | `{"type":"quick_reply","type":"list"}`                                                                               | ``       | the interactive message is not valid JSON: Duplicate field 'type'
            """)
    void refusesBrokenInteractiveMessages(String name, String message, String where, String detail) {
        FlowFormatException e = refused(flow("", interactive(message), "null"));
        assertEquals(NODE + ".actions[0].text" + where, e.where());
        assertEquals(detail, e.detail());
    }

    @Test
    void readsGlificsTimeoutExpression() {
        String dynamic = ROUTER.replace("\"seconds\": 60,", "\"expression\": \"@results.delay\",");
        Wait wait = reader.readDefinition(flow("", SEND, dynamic), List.of(), false, true).startNode().router().waitFor();
        assertEquals("@results.delay", wait.timeoutExpression());
        assertNull(wait.timeoutSeconds());
        assertTrue(wait.hasTimeout());
        FlowFormatException e = refused(flow("", SEND, ROUTER.replace("\"seconds\": 60,", "\"expression\": \" \",")));
        assertEquals(NODE + ".router.wait.timeout.seconds", e.where());
    }

    @Test
    void readsAMediaQuickReplyByItsCaption() {
        String message = "{\"type\":\"quick_reply\",\"content\":{\"type\":\"image\","
                + "\"url\":\"https://example.org/a.png\",\"caption\":\"Look\"},\"options\":[{\"title\":\"Nice\"}]}";
        Flow flow = reader.readDefinition(flow("", interactive(message), "null"), List.of(), false, true);
        SendInteractiveMsg action = assertInstanceOf(SendInteractiveMsg.class, flow.startNode().actions().get(0));
        assertEquals("Look", action.message().text());
        assertEquals(List.of("Nice"), action.message().buttons());
    }

    @Test
    void refusesHostileDocuments() {
        assertEquals("definition", refused(null).where());
        assertEquals("definition", refused("   ").where());
        assertEquals("definition", refused("[]").where());
        assertEquals("definition", refused("\"just text\"").where());
        assertEquals("definition", refused(flow("", SEND, ROUTER) + " trailing").where());
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        assertEquals("definition", refused(deep).where());
        String deepInside = flow("\"localization\": " + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",",
                SEND, ROUTER);
        assertEquals("definition", refused(deepInside).where());
        assertEquals("definition", refused(flow("\"expire_after_minutes\": 1" + "0".repeat(5_000) + ",", SEND,
                ROUTER)).where());
        FlowFormatException wrapper = refused("{\"flows\": [{\"definition\": " + flow("", SEND, ROUTER) + "}]}");
        assertTrue(wrapper.detail().contains("Glific export"), wrapper.getMessage());
    }

    /** Every value of a real flow replaced in turn by each wrong type: a refusal (or a flow), never a crash. */
    @Test
    void everyValueReplacedByEveryWrongTypeGivesARefusalOrAFlow() throws Exception {
        JsonNode original = JSON.readTree(FlowFiles.read("every-action.json"));
        List<JsonNode> wrong = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(7),
                JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.arrayNode(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.booleanNode(true));
        int paths = 0;
        int refusals = 0;
        for (String path : paths(original, "")) {
            for (JsonNode replacement : wrong) {
                JsonNode copy = original.deepCopy();
                replace(copy, path, replacement);
                try {
                    assertNotNull(reader.readDefinition(copy.toString(), List.of(), false, true));
                } catch (FlowFormatException e) {
                    refusals++;
                    assertFalse(e.getMessage().startsWith("definition: cannot be read"),
                            "the safety net caught an unexpected " + e.getMessage() + " at " + path);
                } catch (RuntimeException e) {
                    fail("replacing " + path + " with " + replacement + " threw " + e, e);
                }
            }
            paths++;
        }
        assertTrue(paths > 200, "walked " + paths + " values");
        assertTrue(refusals > paths, "most replacements are refused: " + refusals);
    }

    /** Random character mutations of a real flow, with a fixed seed. */
    @Test
    void mutatedTextGivesARefusalOrAFlow() {
        String original = FlowFiles.read("every-action.json");
        Random random = new Random(20260301);
        String alphabet = "{}[]\":,0123456789.-e truefalsn\\u00";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder(original);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                reader.readDefinition(text.toString(), List.of(), false, true);
            } catch (FlowFormatException e) {
                assertFalse(e.getMessage().startsWith("definition: cannot be read"), e.getMessage());
            }
        }
    }

    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                String path = prefix + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                paths.add(path);
                paths.addAll(paths(e.getValue(), path));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                paths.add(prefix + "/" + i);
                paths.addAll(paths(array.get(i), prefix + "/" + i));
            }
        }
        return paths;
    }

    private static void replace(JsonNode root, String path, JsonNode value) {
        int cut = path.lastIndexOf('/');
        ContainerNode<?> parent = (ContainerNode<?>) root.at(path.substring(0, cut));
        String key = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), value);
        }
    }
}
