package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.AddInputLabels;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.RemoveContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.action.SetContactName;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.router.CategoryTest;
import io.consentflow.domain.flow.router.ChoicesTest;
import io.consentflow.domain.flow.router.DateTest;
import io.consentflow.domain.flow.router.ErrorTest;
import io.consentflow.domain.flow.router.GroupTest;
import io.consentflow.domain.flow.router.InputTypeTest;
import io.consentflow.domain.flow.router.NumberTest;
import io.consentflow.domain.flow.router.PatternTest;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.router.TimeTest;
import io.consentflow.domain.flow.router.Wait;
import io.consentflow.domain.flow.router.WordTest;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.message.Interactive;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DefinitionReaderTest {
    private static final String PROFILE = "5bfdc324-05de-4a44-9d3e-9daab4c3b914";
    private static final String ASK = "cdc067ee-d6ed-4a30-b7b7-22484e692735";
    private static final String WAIT = "f40859e2-9fbe-4aec-840b-e0b2417523e5";
    private static final String CHILD = "adbcf4d9-b5e7-4ff7-b586-571935d5790d";
    private static final String MENU = "b2a884cf-fd04-4489-b86e-463b28219962";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowFormat reader = new FlowFormat();

    private Flow read(String file) {
        return reader.readDefinition(FlowFiles.read(file), List.of(Keyword.of("clinic")), true, true);
    }

    private Node node(Flow flow, String uuid) {
        return flow.node(uuid).orElseThrow();
    }

    @Test
    void readsTheFlowAndPutsTheHighestPlacedNodeFirst() {
        Flow flow = read("every-action.json");
        assertEquals("65fd3553-4cd8-4677-b2d1-fe77eb30b3ca", flow.uuid());
        assertEquals("Clinic reminder", flow.name());
        assertEquals(2880, flow.expireAfterMinutes());
        assertEquals(List.of(new Keyword("clinic")), flow.keywords());
        assertTrue(flow.ignoreKeywords());
        assertTrue(flow.active());
        // ASK (top 20, left 200) beats MENU (top 20, left 560); the others keep their file order
        assertEquals(List.of(ASK, PROFILE, WAIT, CHILD, MENU), flow.nodes().stream().map(Node::uuid).toList());
        assertEquals(ASK, flow.startNode().uuid());
    }

    @Test
    void withoutUiTheFirstNodeInTheFileStarts() {
        Flow flow = read("no-ui.json");
        SendMsg first = assertInstanceOf(SendMsg.class, flow.startNode().actions().get(0));
        assertEquals("Step one", first.text());
        assertEquals(List.of(), first.quickReplies());
        assertEquals(Flow.DEFAULT_EXPIRE_AFTER_MINUTES, flow.expireAfterMinutes());
    }

    @Test
    void readsSendMsgAndAQuickReplyInteractiveMessage() {
        Node ask = node(read("every-action.json"), ASK);
        SendMsg msg = assertInstanceOf(SendMsg.class, ask.actions().get(0));
        assertEquals("Hello @contact.name, this is your clinic.", msg.text());
        assertEquals(List.of("Hi", "Later"), msg.quickReplies());
        assertEquals(List.of("image:https://example.org/clinic.jpg"), msg.attachments());

        SendInteractiveMsg interactive = assertInstanceOf(SendInteractiveMsg.class, ask.actions().get(1));
        assertEquals("Clinic visit", interactive.name());
        assertEquals(new Interactive(Interactive.Kind.QUICK_REPLY, "Clinic visit",
                "Will you come to the clinic on Friday?", List.of("Yes", "No", "🤔"), null, List.of()),
                interactive.message());
        assertEquals(List.of(new Exit(ask.exits().get(0).uuid(), WAIT)), ask.exits());
        assertNull(ask.router());
    }

    @Test
    void readsATemplatingSendMsgAndAttachments() {
        Flow flow = read("send-template.json");
        SendMsg template = assertInstanceOf(SendMsg.class, flow.startNode().actions().get(0));
        assertEquals(new SendMsg.Templating("7e1c6a5b-9f0d-4c2e-9a4b-5c6d7e8f9a01", "visit_reminder",
                List.of("@contact.name", "Friday")), template.templating());
        assertEquals("", template.text());
        SendMsg media = assertInstanceOf(SendMsg.class, flow.startNode().actions().get(1));
        assertNull(media.templating());
        assertEquals(List.of("image:https://cdn.example/card.jpg", "document:@contact.fields.report"),
                media.attachments());
    }

    @Test
    void readsAListInteractiveMessageAndARandomRouter() {
        Node menu = node(read("every-action.json"), MENU);
        SendInteractiveMsg list = assertInstanceOf(SendInteractiveMsg.class, menu.actions().get(0));
        assertEquals(new Interactive(Interactive.Kind.LIST, "Health topics", "What would you like to read about?",
                List.of(), "See topics", List.of(
                        new Interactive.Section("Mother", List.of(
                                new Interactive.Row("Nutrition", "Eating well while pregnant"),
                                new Interactive.Row("Rest", null))),
                        new Interactive.Section("Child", List.of(new Interactive.Row("Vaccines", "The schedule"))))),
                list.message());
        Router random = menu.router();
        assertEquals(Router.Kind.RANDOM, random.kind());
        assertEquals(List.of("Bucket 1", "Bucket 2"), random.categories().stream().map(c -> c.name()).toList());
        assertFalse(random.waits());
        assertTrue(menu.exits().stream().allMatch(e -> e.destination() == null));
    }

    @Test
    void readsEveryContactAction() {
        Node profile = node(read("every-action.json"), PROFILE);
        assertEquals(8, profile.actions().size());
        SetContactField field = assertInstanceOf(SetContactField.class, profile.actions().get(0));
        assertEquals(List.of("clinic_day", "Clinic day", "@results.visit.value"),
                List.of(field.key(), field.name(), field.value()));
        assertEquals("@input.text", assertInstanceOf(SetContactName.class, profile.actions().get(1)).name());
        assertEquals("hin", assertInstanceOf(SetContactLanguage.class, profile.actions().get(2)).language());
        assertEquals(List.of("Clinic visitors", "Friday"),
                assertInstanceOf(AddContactGroups.class, profile.actions().get(3)).groups());
        RemoveContactGroups some = assertInstanceOf(RemoveContactGroups.class, profile.actions().get(4));
        assertEquals(List.of("Undecided"), some.groups());
        assertFalse(some.allGroups());
        RemoveContactGroups all = assertInstanceOf(RemoveContactGroups.class, profile.actions().get(5));
        assertTrue(all.allGroups());
        assertEquals(List.of(), all.groups());
        assertEquals(List.of("Clinic"), assertInstanceOf(AddInputLabels.class, profile.actions().get(6)).labels());
        SetRunResult result = assertInstanceOf(SetRunResult.class, profile.actions().get(7));
        assertEquals(List.of("Visit Confirmed", "yes", "Confirmed"),
                List.of(result.name(), result.value(), result.category()));
        assertEquals("a7a8eadc-142e-4ece-90cc-b3428e57c4b4", field.uuid());
    }

    @Test
    void readsAWaitingSwitchRouterWithItsTimeoutAndCases() {
        Node wait = node(read("every-action.json"), WAIT);
        Router router = wait.router();
        assertEquals(Router.Kind.SWITCH, router.kind());
        assertEquals("@input.text", router.operand());
        assertEquals("Visit", router.resultName());
        String noResponse = router.categories().get(3).uuid();
        assertEquals("No Response", router.categories().get(3).name());
        assertEquals(new Wait(600, noResponse), router.waitFor());
        assertEquals(router.categories().get(2).uuid(), router.defaultCategoryUuid());
        assertInstanceOf(WordTest.class, router.cases().get(0).test());
        assertInstanceOf(NumberTest.class, router.cases().get(1).test());
        assertInstanceOf(PatternTest.class, router.cases().get(2).test());
        assertEquals(Optional.of("👍"), router.cases().get(0).test().match("ok 👍"));
        assertEquals(Optional.of("3"), router.cases().get(1).test().match("in 3 days"));
        assertEquals(router.categories().get(0).uuid(), router.cases().get(2).categoryUuid());
        assertEquals(4, wait.exits().size());
        assertNull(wait.exits().get(3).destination());
        assertEquals(PROFILE, wait.exits().get(0).destination());
    }

    @Test
    void readsEnterFlowAndTheChildStatusRouter() {
        Node child = node(read("every-action.json"), CHILD);
        EnterFlow enter = assertInstanceOf(EnterFlow.class, child.actions().get(0));
        assertEquals("3f1c9a52-6b7d-4e8f-a1b2-c3d4e5f60718", enter.flowUuid());
        assertEquals("Clinic survey", enter.flowName());
        assertEquals("@child.run.status", child.router().operand());
        assertInstanceOf(TextTest.class, child.router().cases().get(0).test());
        assertEquals(Optional.of("expired"), child.router().cases().get(1).test().match("expired"));
        assertNull(child.router().waitFor());
    }

    @Test
    void readsEveryCaseTypeOfTheFlowLanguage() {
        Router router = node(read("every-case.json"), "c5e0a000-0000-4000-8000-00000000000a").router();
        List<Class<?>> families = router.cases().stream().<Class<?>>map(c -> c.test().getClass()).toList();
        assertEquals(List.of(TextTest.class, GroupTest.class, CategoryTest.class, DateTest.class, DateTest.class,
                DateTest.class, DateTest.class, TimeTest.class, ErrorTest.class, InputTypeTest.class,
                InputTypeTest.class, InputTypeTest.class, InputTypeTest.class, InputTypeTest.class,
                InputTypeTest.class, ChoicesTest.class, NumberTest.class, TextTest.class), families);
        assertEquals(new GroupTest("STARTED_AB"), router.cases().get(1).test());
        assertEquals(new CategoryTest(List.of("Success", "Skipped")), router.cases().get(2).test());
        assertEquals(new DateTest(DateTest.Mode.LT, new DateTest.Fixed(LocalDate.of(2017, 7, 27))),
                router.cases().get(4).test());
        assertEquals(new DateTest(DateTest.Mode.EQ, new DateTest.FromToday(0)), router.cases().get(5).test());
        assertEquals(new DateTest(DateTest.Mode.GT, new DateTest.FromToday(-1)), router.cases().get(6).test());
        assertEquals(new InputTypeTest(InputTypeTest.Kind.MEDIA), router.cases().get(9).test());
        assertEquals(new InputTypeTest(InputTypeTest.Kind.LOCATION), router.cases().get(14).test());
        assertEquals(Optional.of("2, 3"), router.cases().get(15).test().match("2, 3"));
        assertEquals(Optional.of("3"), router.cases().get(16).test().match("३"), "Devanagari bounds and input");
        assertEquals(Optional.of("राम@डाकघर.भारत"), router.cases().get(17).test().match("राम@डाकघर.भारत"));
    }

    // ---- refusals ---------------------------------------------------------------------------------------

    private FlowFormatException refused(String file) {
        return assertThrows(FlowFormatException.class, () -> read(file));
    }

    @Test
    void refusesAnUnknownActionTypeNamingNodeAndAction() {
        FlowFormatException e = refused("refuse-unknown-action.json");
        assertEquals("nodes[1] (c2a1e0f3-1111-4aaa-8bbb-00000000000b).actions[1]", e.where());
        assertEquals("unknown action type 'play_audio'", e.detail());
    }

    @Test
    void refusesATemplatingWithoutATemplateName() {
        FlowFormatException e = refused("refuse-templating-without-name.json");
        assertEquals("nodes[0] (1c5a0e9f-3d4b-4a6c-9e8f-9a0b1c2d3e45).actions[0].templating.template.name",
                e.where());
        assertEquals("is missing", e.detail());
    }

    @Test
    void refusesAnUnknownCaseTypeNamingTheCase() {
        FlowFormatException e = refused("refuse-unknown-case.json");
        assertEquals("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a).router.cases[1]", e.where());
        assertTrue(e.detail().contains("has_district"), e.getMessage());
    }

    /** A case whose arguments cannot run is refused where it is, saying what is wrong with them. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badArguments")
    void refusesBadCaseArgumentsNamingTheCase(String type, List<String> arguments, String rule) throws Exception {
        ObjectNode definition = (ObjectNode) JSON.readTree(FlowFiles.read("refuse-unknown-case.json"));
        ObjectNode bad = (ObjectNode) definition.at("/nodes/0/router/cases/1");
        bad.put("type", type);
        ArrayNode args = bad.putArray("arguments");
        arguments.forEach(args::add);
        FlowFormatException e = assertThrows(FlowFormatException.class, () -> reader.readDefinition(
                JSON.writeValueAsString(definition), List.of(), false, true));
        assertEquals("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a).router.cases[1]", e.where());
        assertTrue(e.detail().contains(rule), e.getMessage());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                arguments("has_date_lt", List.of("next week"), "has_date_lt argument 1 is not a date"),
                arguments("has_date_gt", List.of("27-7-17"), "has_date_gt argument 1 is not a date"),
                arguments("has_date_eq", List.of("@(datetime_add(today(), 1, \"W\"))"),
                        "has_date_eq argument 1 is not a date"),
                arguments("has_date_eq", List.of(), "has_date_eq needs argument 1"),
                arguments("has_group", List.of("5"), "has_group needs argument 2"),
                arguments("has_group", List.of("5", " "), "has_group argument 2 (the group's name) is blank"),
                arguments("has_category", List.of(), "has_category needs argument 1"),
                arguments("has_multiple", List.of(" ,; "), "has_multiple argument 1 has no choices"),
                arguments("has_number_gt", List.of("बहुत"), "has_number_gt argument 1 is not a number"));
    }

    @Test
    void refusesAnExitToAMissingNode() {
        FlowFormatException e = refused("refuse-exit-to-missing-node.json");
        assertTrue(e.where().startsWith("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a)"), e.getMessage());
        assertTrue(e.detail().contains("e0000000-0000-4000-8000-00000000dead"), e.getMessage());
    }

    @Test
    void refusesACategoryToAMissingExit() {
        FlowFormatException e = refused("refuse-category-to-missing-exit.json");
        assertTrue(e.where().startsWith("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a).router.categories"),
                e.getMessage());
        assertTrue(e.detail().contains("f0000000-0000-4000-8000-00000000dead"), e.getMessage());
    }

    @Test
    void refusesAFlowWithoutNodes() {
        FlowFormatException e = refused("refuse-no-nodes.json");
        assertEquals("nodes", e.where());
        assertTrue(e.detail().contains("at least one node"), e.getMessage());
    }

    @Test
    void refusesMalformedJson() {
        FlowFormatException e = refused("refuse-malformed.json");
        assertEquals("definition", e.where());
        assertTrue(e.detail().startsWith("the definition is not valid JSON"), e.getMessage());
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        FlowFormatException e = refused("refuse-wrong-types.json");
        assertEquals("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a).actions[0].quick_replies", e.where());
        assertEquals("must be an array", e.detail());
    }

    @Test
    void refusesInteractiveTextThatIsNotJson() {
        FlowFormatException e = refused("refuse-interactive-not-json.json");
        assertEquals("nodes[0] (b1f0c2d3-0000-4000-8000-00000000000a).actions[0].text", e.where());
        assertTrue(e.detail().startsWith("the interactive message is not valid JSON"), e.getMessage());
    }
}
