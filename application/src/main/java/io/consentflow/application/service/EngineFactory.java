package io.consentflow.application.service;

import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.policy.SendPolicy;

import java.util.UUID;
import java.util.function.Supplier;

/** Builds the engine over one catalogue snapshot, so a sprint sees one consistent set of flows. */
public final class EngineFactory {
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;

    public EngineFactory(SendPolicy sendPolicy, Supplier<UUID> ids) {
        this.sendPolicy = sendPolicy;
        this.ids = ids;
    }

    public FlowEngine engine(FlowCatalog.Snapshot flows) {
        return new FlowEngine(flows::flow, sendPolicy, ids);
    }
}
