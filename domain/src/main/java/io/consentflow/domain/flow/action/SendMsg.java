package io.consentflow.domain.flow.action;

import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.util.List;

/** Sends a text (with optional quick-reply buttons); {@code @}-expressions in both are rendered. */
public record SendMsg(String uuid, String text, List<String> quickReplies, List<String> attachments)
        implements Action {
    public SendMsg {
        quickReplies = List.copyOf(quickReplies);
        attachments = List.copyOf(attachments);
    }

    @Override
    public boolean execute(Step step) {
        String body = step.render(text);
        List<String> replies = quickReplies.stream().map(step::render).toList();
        return step.send(MessageType.TEXT, body, new OutboundContent.Text(body, replies));
    }
}
