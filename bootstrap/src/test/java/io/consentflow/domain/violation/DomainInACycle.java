package io.consentflow.domain.violation;

import io.consentflow.domain.cycle.DomainPeer;

/** Deliberately forms a cycle between two domain packages; test use only. */
public final class DomainInACycle {
    public DomainPeer peer;
}
