package io.consentflow.application.service;

import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.policy.SendPolicy;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Builds the engine over one catalogue snapshot, so a sprint sees one consistent set of flows. */
public final class EngineFactory {
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;
    private final RandomGenerator random;

    /** @param random picks random routers' categories; shared by every engine, so it must be thread-safe */
    public EngineFactory(SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random) {
        this.sendPolicy = sendPolicy;
        this.ids = ids;
        this.random = random;
    }

    public FlowEngine engine(FlowCatalog.Snapshot flows) {
        return new FlowEngine(flows::flow, sendPolicy, ids, random);
    }
}
