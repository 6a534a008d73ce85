package io.consentflow.domain.policy;

import io.consentflow.domain.flow.Flow;

import java.util.Collection;
import java.util.Optional;

/**
 * The flows with a special part: the opt-in flow (the organisation's setting, else the active flow with keyword
 * {@code optin}; either only if it {@linkplain Flow#recordsOptin() contains the opt-in action}), the opt-out flow
 * (the active flow with keyword {@code optout}), and the new-contact flow.
 */
public record FlowRoles(Optional<Flow> optin, Optional<Flow> optout, Optional<Flow> newContact) {
    /**
     * The opt-in flow may message opted-out contacts: a flow that cannot record an opt-in never gets that part,
     * whoever builds the roles.
     */
    public FlowRoles {
        optin = optin.filter(Flow::recordsOptin);
    }

    /** The setting's flow if active and qualified, else the active qualified flow keyed {@code optin}. */
    public static Optional<Flow> optinFlow(Collection<Flow> flows, OrgSettings settings) {
        Optional<Flow> named = settings.optinFlow() == null ? Optional.empty() : flows.stream()
                .filter(f -> f.uuid().equals(settings.optinFlow())).findFirst();
        return named.filter(Flow::active).filter(Flow::recordsOptin).or(() -> flows.stream()
                .filter(Flow::active).filter(f -> f.hasKeyword(OPTIN_KEYWORD)).filter(Flow::recordsOptin)
                .findFirst());
    }

    /** The keyword that names the opt-in flow when the settings name none. */
    public static final String OPTIN_KEYWORD = "optin";

    /** The rule, in the words the settings' refusal and the import's warning use. */
    public static final String OPTIN_RULE = "the opt-in flow must contain the opt-in action "
            + "(set_contact_field with field key \"settings\" and value \"optin\")";

    /** Why a flow keyed {@code optin} is nonetheless not the opt-in flow, if it is not. */
    public static Optional<String> optinKeywordWarning(Flow flow) {
        if (!flow.hasKeyword(OPTIN_KEYWORD) || flow.recordsOptin()) return Optional.empty();
        return Optional.of("flow " + flow.uuid() + " has the keyword \"optin\" but is not the opt-in flow: "
                + OPTIN_RULE + "; it will not message contacts who opted out");
    }
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
