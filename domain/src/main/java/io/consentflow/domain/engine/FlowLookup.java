package io.consentflow.domain.engine;

import io.consentflow.domain.flow.Flow;

import java.util.Optional;

/** Finds a flow by uuid, e.g. the child of an enter_flow action. */
@FunctionalInterface
public interface FlowLookup {
    Optional<Flow> flow(String uuid);
}
