package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
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
            return FlowFormat.JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidFlowException(where, what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static Flow read(JsonNode root, List<Keyword> keywords, boolean ignoreKeywords, boolean active) {
        Fields flow = Fields.of(root, "definition");
        String uuid = flow.id("uuid");
        String name = flow.text("name");
        Integer expire = flow.integer("expire_after_minutes");
        List<Node> nodes = new ArrayList<>();
        for (Fields node : nodes(flow)) nodes.add(readNode(node));
        int expireAfter = expire == null ? Flow.DEFAULT_EXPIRE_AFTER_MINUTES : expire;

        int start = StartNode.index(flow, nodes);
        Flow inFileOrder = new Flow(uuid, name, nodes, expireAfter, keywords, ignoreKeywords, active);
        if (start == 0) return inFileOrder;
        // validated in file order above, so an error names the node's index in the file
        List<Node> startFirst = new ArrayList<>(nodes.size());
        startFirst.add(nodes.get(start));
        for (int i = 0; i < nodes.size(); i++) if (i != start) startFirst.add(nodes.get(i));
        return new Flow(uuid, name, startFirst, expireAfter, keywords, ignoreKeywords, active);
    }

    private static List<Fields> nodes(Fields flow) {
        List<JsonNode> items = flow.requiredArray("nodes");
        if (items.isEmpty()) throw new InvalidFlowException("nodes", "a flow needs at least one node");
        List<Fields> nodes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Fields node = Fields.of(items.get(i), "nodes[" + i + "]");
            String uuid = node.id("uuid");
            nodes.add(Fields.of(items.get(i), "nodes[" + i + "] (" + uuid + ")"));
        }
        return nodes;
    }

    private static Node readNode(Fields n) {
        List<Action> actions = new ArrayList<>();
        for (Fields a : n.objects("actions")) actions.add(ActionReader.read(a));
        Fields router = n.optionalObject("router");
        List<Exit> exits = new ArrayList<>();
        for (Fields e : requiredObjects(n, "exits")) exits.add(new Exit(e.id("uuid"), e.text("destination_uuid")));
        return new Node(n.id("uuid"), actions, router == null ? null : RouterReader.read(router), exits);
    }

    private static List<Fields> requiredObjects(Fields n, String field) {
        if (!n.has(field)) throw new InvalidFlowException(n.path(field), "is missing");
        return n.objects(field);
    }
}
