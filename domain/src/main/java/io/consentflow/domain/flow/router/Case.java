package io.consentflow.domain.flow.router;

/** One test of a switch router; the first case whose test matches picks its category. */
public record Case(String uuid, CaseTest test, String categoryUuid) {
}
