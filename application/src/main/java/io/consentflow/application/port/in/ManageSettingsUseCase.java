package io.consentflow.application.port.in;

import io.consentflow.domain.policy.OrgSettings;

/** The organisation's opt-in and new-contact flows. */
public interface ManageSettingsUseCase {
    OrgSettings settings();

    /**
     * @throws io.consentflow.domain.flow.InvalidFlowException when a named flow does not exist, or the opt-in flow
     *                                                         has no opt-in action
     */
    OrgSettings update(OrgSettings settings);
}
