package io.consentflow.application.port.out;

import io.consentflow.domain.flow.Flow;

import java.time.Instant;

/** A flow with its definition exactly as imported (JSON text), so export round-trips. */
public record StoredFlow(Flow flow, String definitionJson, Instant updatedAt) {
}
