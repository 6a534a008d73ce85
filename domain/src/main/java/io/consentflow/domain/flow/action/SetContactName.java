package io.consentflow.domain.flow.action;

public record SetContactName(String uuid, String name) implements Action {
}
