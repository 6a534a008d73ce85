package io.consentflow.domain.flow.router;

/** A router's outcome (e.g. "optin", "Other", "No Response"), leading to one exit. */
public record Category(String uuid, String name, String exitUuid) {
}
