package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.Node;

import java.util.List;

/**
 * Which node a run starts at. The editor keeps no "start" flag: Glific takes the node placed highest on the
 * canvas ({@code _ui.nodes[uuid].position}, smallest {@code top}, then {@code left}). Without positions, the first.
 */
final class StartNode {
    private StartNode() {
    }

    static int index(Fields flow, List<Node> nodes) {
        Fields ui = flow.optionalObject("_ui");
        Fields positions = ui == null ? null : ui.optionalObject("nodes");
        if (positions == null) return 0;
        int best = -1;
        double bestTop = 0;
        double bestLeft = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String uuid = nodes.get(i).uuid();
            Fields nodeUi = positions.has(uuid) ? Fields.of(positions.raw(uuid), positions.where() + "[" + uuid + "]")
                    : null;
            Fields position = nodeUi == null ? null : nodeUi.optionalObject("position");
            if (position == null) continue;
            Double top = position.number("top");
            Double left = position.number("left");
            if (top == null || left == null) continue;
            if (best < 0 || top < bestTop || (top == bestTop && left < bestLeft)) {
                best = i;
                bestTop = top;
                bestLeft = left;
            }
        }
        return Math.max(best, 0);
    }
}
