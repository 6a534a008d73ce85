package io.consentflow.domain.flow;

/** A way out of a node; {@code destination} null means the run completes there. */
public record Exit(String uuid, String destination) {
    public Exit {
        if (uuid == null || uuid.isBlank()) throw new IllegalArgumentException("exit uuid is missing");
    }
}
