package io.consentflow.domain.flow;

import java.time.Instant;

/**
 * A flow as the catalogue keeps it: with its definition exactly as imported (JSON text), so export round-trips,
 * and when it last changed. Both the use cases that manage flows and the store that keeps them speak it.
 */
public record StoredFlow(Flow flow, String definitionJson, Instant updatedAt) {
}
