package io.consentflow.domain.policy;

import io.consentflow.domain.flow.Flow;

import java.util.Optional;

/**
 * The flows with a special part: the opt-in flow (the organisation's setting, else the active flow with keyword
 * {@code optin}), the opt-out flow (the active flow with keyword {@code optout}), and the new-contact flow.
 */
public record FlowRoles(Optional<Flow> optin, Optional<Flow> optout, Optional<Flow> newContact) {
    public static FlowRoles none() {
        return new FlowRoles(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isOptin(String flowUuid) {
        return optin.map(f -> f.uuid().equals(flowUuid)).orElse(false);
    }

    public boolean isConsentFlow(Flow flow) {
        return isOptin(flow.uuid()) || optout.map(f -> f.uuid().equals(flow.uuid())).orElse(false);
    }
}
