package io.consentflow.application.service;

import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.TemplateBook;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Builds the engine over one catalogue snapshot, so a sprint sees one consistent set of flows. */
public final class EngineFactory {
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;
    private final RandomGenerator random;
    private final Supplier<TemplateBook> templates;

    /** @param random picks random routers' categories; shared by every engine, so it must be thread-safe */
    public EngineFactory(SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random) {
        this(sendPolicy, ids, random, () -> TemplateBook.EMPTY);
    }

    /** @param templates the registry flows' templates resolve; asked only when a flow sends a template */
    public EngineFactory(SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random,
                         Supplier<TemplateBook> templates) {
        this.sendPolicy = sendPolicy;
        this.ids = ids;
        this.random = random;
        this.templates = templates;
    }

    public FlowEngine engine(FlowCatalog.Snapshot flows) {
        return new FlowEngine(flows::flow, sendPolicy, ids, random, templates);
    }
}
