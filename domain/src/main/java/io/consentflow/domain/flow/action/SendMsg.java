package io.consentflow.domain.flow.action;

import java.util.List;

/** Sends a text (with optional quick-reply buttons); {@code @}-expressions in both are rendered. */
public record SendMsg(String uuid, String text, List<String> quickReplies, List<String> attachments)
        implements Action {
    public SendMsg {
        quickReplies = List.copyOf(quickReplies);
        attachments = List.copyOf(attachments);
    }
}
