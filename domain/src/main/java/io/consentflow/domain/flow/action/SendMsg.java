package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.util.List;

/**
 * Sends a text (with optional quick-reply buttons), in the contact's language when the flow has it translated;
 * {@code @}-expressions in both are rendered.
 */
public record SendMsg(String uuid, String text, List<String> quickReplies, List<String> attachments)
        implements Action {
    public SendMsg {
        quickReplies = List.copyOf(quickReplies);
        attachments = List.copyOf(attachments);
    }

    @Override
    public boolean execute(Step step) {
        Localization.Message t = step.translation(uuid, Localization.Message.class)
                .orElse(Localization.Message.NONE);
        String body = step.render(t.textOr(text));
        List<String> replies = t.quickRepliesOr(quickReplies).stream().map(step::render).toList();
        return step.send(MessageType.TEXT, body, new OutboundContent.Text(body, replies));
    }
}
