package io.consentflow.domain.flow.action;

public record SetContactLanguage(String uuid, String language) implements Action {
}
