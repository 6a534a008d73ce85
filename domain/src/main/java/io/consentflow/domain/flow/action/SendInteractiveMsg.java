package io.consentflow.domain.flow.action;

import io.consentflow.domain.message.Interactive;

/** Glific's interactive message (quick-reply buttons or a list), already read from its JSON text. */
public record SendInteractiveMsg(String uuid, String name, Interactive message) implements Action {
}
