package io.consentflow.bootstrap;

/**
 * Who delivered a message a host hands to {@code Consentflow.receiveText}: provider message ids are unique per
 * provider, so a retried delivery is dropped when the same provider brings the same id again. {@link #HOST} is
 * for messages a host gets some other way (its ids must then be unique among its own).
 */
public enum InboundProvider {
    GUPSHUP("gupshup"), META("meta"), HOST("host");

    private final String wire;

    InboundProvider(String wire) {
        this.wire = wire;
    }

    /** The name stored with the message and used in metrics ({@code provider} label). */
    public String wire() {
        return wire;
    }
}
