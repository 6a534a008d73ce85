package io.consentflow.application.violation;

import io.consentflow.application.violation.cycle.ApplicationPeer;

/** Deliberately forms a cycle between two application packages; test use only. */
public final class ApplicationInACycle {
    public ApplicationPeer peer;
}
