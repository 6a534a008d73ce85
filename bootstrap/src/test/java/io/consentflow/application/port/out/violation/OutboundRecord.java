package io.consentflow.application.port.out.violation;

/** A type of the outbound side, for {@code UseCaseReturningAnOutboundType} to leak; test use only. */
public record OutboundRecord(String id) {
}
