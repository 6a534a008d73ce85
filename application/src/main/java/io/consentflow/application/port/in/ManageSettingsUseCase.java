package io.consentflow.application.port.in;

import io.consentflow.domain.policy.OrgSettings;

/** The organisation's opt-in and new-contact flows, and its globals ({@code @globals}). */
public interface ManageSettingsUseCase {
    OrgSettings settings();

    /**
     * @throws io.consentflow.domain.flow.InvalidFlowException when a named flow does not exist, or the opt-in flow
     *                                                         has no opt-in action
     */
    OrgSettings update(OrgSettings settings);

    /**
     * Sets the opt-in flow (null clears it) and leaves the other settings as they are, in one transaction: two
     * callers changing different settings at once both keep their change.
     *
     * @throws io.consentflow.domain.flow.InvalidFlowException as {@link #update}
     */
    OrgSettings setOptinFlow(String flowUuid);

    /** Sets the flow new contacts start (null clears it), as {@link #setOptinFlow} does. */
    OrgSettings setNewContactFlow(String flowUuid);

    /**
     * Replaces the globals and leaves the flows as they are, as {@link #setOptinFlow} does.
     *
     * @throws io.consentflow.domain.flow.InvalidFlowException naming {@code globals.<key>} when a key or value is
     *                                                         not one ({@link OrgSettings#globalProblem})
     */
    OrgSettings setGlobals(java.util.Map<String, String> globals);
}
