package io.consentflow.domain.cycle;

import io.consentflow.domain.violation.DomainInACycle;

/** The other half of {@link DomainInACycle}'s cycle; test use only. */
public final class DomainPeer {
    public DomainInACycle back;
}
