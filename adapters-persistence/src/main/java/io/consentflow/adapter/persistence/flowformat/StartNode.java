package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.Node;

import java.util.List;

/**
 * Which node a run starts at. The editor keeps no "start" flag: Glific takes the node placed highest on the
 * canvas ({@code _ui.nodes[uuid].position}, smallest {@code top}, then {@code left}). Without positions, the first.
 */
final class StartNode {
    private StartNode() {
    }

    static int index(JsonNode layout, List<Node> nodes) {
        Goflow.Ui ui = Bind.optional(layout, UI, Goflow.Ui.class);
        if (ui == null || Bind.absent(ui.nodes())) return 0;
        JsonNode positions = ui.nodes();
        if (!positions.isObject()) throw new InvalidFlowException(UI + ".nodes", "must be an object");
        int best = -1;
        double bestTop = 0;
        double bestLeft = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String uuid = nodes.get(i).uuid();
            String at = UI + ".nodes[" + uuid + "]";
            Goflow.NodeUi nodeUi = positions.has(uuid) ? Bind.as(positions.get(uuid), at, Goflow.NodeUi.class) : null;
            Goflow.Position position = nodeUi == null ? null
                    : Bind.optional(nodeUi.position(), at + ".position", Goflow.Position.class);
            if (position == null) continue;
            Double top = finite(position.top(), at + ".position.top");
            Double left = finite(position.left(), at + ".position.left");
            if (top == null || left == null) continue;
            if (best < 0 || top < bestTop || (top == bestTop && left < bestLeft)) {
                best = i;
                bestTop = top;
                bestLeft = left;
            }
        }
        return Math.max(best, 0);
    }

    private static final String UI = "definition._ui";

    /** A coordinate: a number too large for a double is none. */
    private static Double finite(Double value, String where) {
        if (value != null && !Double.isFinite(value)) throw new InvalidFlowException(where, "must be a number");
        return value;
    }
}
