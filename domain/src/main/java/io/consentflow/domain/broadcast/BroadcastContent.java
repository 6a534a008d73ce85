package io.consentflow.domain.broadcast;

import java.util.List;
import java.util.Objects;

/** What a broadcast gives each recipient: a registered template by name, or a flow started for them. */
public sealed interface BroadcastContent {
    /**
     * A registered template by name, picked per recipient in their language (else the name's default) when the
     * message leaves, with the same parameters for everyone.
     */
    record TemplateSend(String name, List<String> params) implements BroadcastContent {
        public TemplateSend {
            Objects.requireNonNull(name, "name");
            params = List.copyOf(params);
        }
    }

    /** The flow with this uuid, started for each recipient as a keyword would start it. */
    record FlowStart(String flowUuid) implements BroadcastContent {
        public FlowStart {
            Objects.requireNonNull(flowUuid, "flowUuid");
        }
    }
}
