package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.keyword.Keyword;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one Nyaruka flow-editor definition (spec 13.x, as Glific and RapidPro export it) into a {@link Flow}.
 * Refusals are {@link InvalidFlowException}s naming the JSON path at fault; {@link FlowFormat} turns them into the
 * port's exception, with the path inside the import.
 * <p>
 * The start node is the node placed highest in the editor ({@code _ui.nodes[uuid].position}: smallest
 * {@code top}, then smallest {@code left}), as Glific does; without {@code _ui}, the first node.
 */
final class DefinitionReader {
    private DefinitionReader() {
    }

    /** Parses text found inside a definition (an interactive message is JSON in a string). */
    static JsonNode parse(String json, String where, String what) {
        if (json == null || json.isBlank()) throw new InvalidFlowException(where, what + " is empty");
        try {
            return FlowFormat.PARSE.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidFlowException(where, what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static Flow read(JsonNode root, List<Keyword> keywords, boolean ignoreKeywords, boolean active) {
        Goflow.Definition flow = Bind.as(root, "definition", Goflow.Definition.class);
        String uuid = Bind.id(flow.uuid(), "definition.uuid");
        Integer expire = flow.expire_after_minutes();
        if (flow.nodes() == null) throw new InvalidFlowException("definition.nodes", "is missing");
        if (flow.nodes().isEmpty()) throw new InvalidFlowException("nodes", "a flow needs at least one node");
        List<String> names = nodeNames(flow.nodes());
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) nodes.add(readNode(flow.nodes().get(i), names.get(i)));
        int expireAfter = expire == null ? Flow.DEFAULT_EXPIRE_AFTER_MINUTES : expire;

        int start = StartNode.index(flow._ui(), nodes);
        Localization localization = LocalizationReader.read(flow.localization(),
                flow.language() != null && flow.language().isTextual() ? flow.language().textValue() : null, flow.nodes());
        Flow inFileOrder = new Flow(uuid, flow.name(), nodes, expireAfter, keywords, ignoreKeywords, active,
                localization);
        if (start == 0) return inFileOrder;
        // validated in file order above, so an error names the node's index in the file
        List<Node> startFirst = new ArrayList<>(nodes.size());
        startFirst.add(nodes.get(start));
        for (int i = 0; i < nodes.size(); i++) if (i != start) startFirst.add(nodes.get(i));
        return new Flow(uuid, flow.name(), startFirst, expireAfter, keywords, ignoreKeywords, active, localization);
    }

    /** Each node's name in refusals, {@code nodes[2] (uuid)}: every node's uuid is read before any node's content. */
    private static List<String> nodeNames(List<JsonNode> items) {
        List<String> names = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "nodes[" + i + "]";
            String uuid = Bind.id(Bind.as(items.get(i), at, Goflow.NodeId.class).uuid(), at + ".uuid");
            names.add(at + " (" + uuid + ")");
        }
        return names;
    }

    private static Node readNode(JsonNode item, String at) {
        Goflow.Node n = Bind.as(item, at, Goflow.Node.class);
        List<Action> actions = new ArrayList<>();
        List<JsonNode> items = Bind.orEmpty(n.actions());
        for (int i = 0; i < items.size(); i++) actions.add(ActionReader.read(items.get(i), at + ".actions[" + i + "]"));
        JsonNode router = n.router();
        if (n.exits() == null) throw new InvalidFlowException(at + ".exits", "is missing");
        List<Exit> exits = new ArrayList<>();
        List<Goflow.Exit> read = Bind.each(n.exits(), at + ".exits", Goflow.Exit.class);
        for (int i = 0; i < read.size(); i++) {
            exits.add(new Exit(Bind.id(read.get(i).uuid(), at + ".exits[" + i + "].uuid"),
                    read.get(i).destination_uuid()));
        }
        return new Node(n.uuid(), actions,
                Bind.absent(router) ? null : RouterReader.read(router, at + ".router"), exits);
    }
}
