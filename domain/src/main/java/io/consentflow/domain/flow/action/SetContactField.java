package io.consentflow.domain.flow.action;

/**
 * Sets {@code contact.fields[key]}. The key {@code settings} with value {@code optin}/{@code optout} (any case) is
 * Glific's consent action: it changes consent instead.
 */
public record SetContactField(String uuid, String key, String name, String value) implements Action {
}
