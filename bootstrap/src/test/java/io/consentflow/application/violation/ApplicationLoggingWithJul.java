package io.consentflow.application.violation;

/** Deliberately logs through java.util.logging; test use only. */
public final class ApplicationLoggingWithJul {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("x");

    public void report() {
        LOG.info("bad");
    }
}
