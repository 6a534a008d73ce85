package io.consentflow.application.violation.cycle;

import io.consentflow.application.violation.ApplicationInACycle;

/** The other half of {@link ApplicationInACycle}'s cycle; test use only. */
public final class ApplicationPeer {
    public ApplicationInACycle back;
}
