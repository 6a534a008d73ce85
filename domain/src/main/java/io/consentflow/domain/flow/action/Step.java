package io.consentflow.domain.flow.action;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import io.consentflow.domain.template.TemplateBook;

import java.time.Instant;
import java.util.Optional;

/**
 * What an action sees and may do while its node runs, as goflow hands {@code Execute(run, step, ...)} to each
 * action: the contact and the current run to change, templates to render, and the two effects that may end the run
 * (sending and entering a child flow). The engine implements it; actions never do I/O.
 */
public interface Step {
    Contact contact();

    /** The run whose node is running. */
    Run run();

    Instant now();

    /** The registered templates, for a {@code send_msg} that names one. */
    TemplateBook templates();

    /** The id of the message that triggered or resumed this sprint (the evidence for consent changes), or null. */
    String evidence();

    /** The text of that message ({@code @input.text}), or null. */
    String input();

    /**
     * The translation of the action or case {@code uuid} into the contact's language, if the flow has one of
     * {@code kind}; empty when the contact reads the flow as written.
     */
    <T extends Localization.Translation> Optional<T> translation(String uuid, Class<T> kind);

    /** {@code text} with its {@code @}-expressions evaluated. */
    String render(String text);

    /** As {@link #render}, null staying null. */
    String renderOrNull(String text);

    /**
     * Records an outbound message through the send policy and the loop rule; false when it was refused or would
     * loop, which has ended the run. An empty message (no text, media or template) is not sent: the run records
     * the error and goes on (true).
     */
    boolean send(MessageType type, String text, OutboundContent content);

    /**
     * Something went wrong that does not end the run (goflow's error event): the run keeps it under {@code code}
     * (one of {@link io.consentflow.domain.flow.run.RunError}'s) and goes on.
     */
    void recordError(String code, String detail);

    /** The child flow starts once the node's actions are done; false when it is missing, which has ended the run. */
    boolean enterFlow(String flowUuid);
}
