package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.util.List;

/** Glific's interactive message (quick-reply buttons or a list), already read from its JSON text. */
public record SendInteractiveMsg(String uuid, String name, Interactive message) implements Action {
    /**
     * Renders every text of the message, in the contact's language when the flow has it translated; the stored
     * message reads as the body the contact sees.
     */
    @Override
    public boolean execute(Step step) {
        Interactive message = step.translation(uuid, Localization.InteractiveMessage.class)
                .map(Localization.InteractiveMessage::message).orElse(this.message);
        List<Interactive.Section> sections = message.sections().stream()
                .map(s -> new Interactive.Section(step.renderOrNull(s.title()), s.rows().stream()
                        .map(r -> new Interactive.Row(step.render(r.title()), step.renderOrNull(r.description())))
                        .toList()))
                .toList();
        Interactive rendered = new Interactive(message.kind(), step.renderOrNull(message.header()),
                step.render(message.text()), message.buttons().stream().map(step::render).toList(),
                step.renderOrNull(message.listButton()), sections);
        return step.send(MessageType.INTERACTIVE, rendered.text(), new OutboundContent.InteractiveContent(rendered));
    }
}
