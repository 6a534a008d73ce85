package io.consentflow.domain.flow.action;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.template.TemplateBook;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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

    /**
     * {@code text} with its {@code @}-expressions evaluated (goflow's expression language); one that fails renders
     * as nothing and the run keeps its error ({@code expression_failed}).
     */
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

    /**
     * As {@link #enterFlow(String)}; a {@code terminal} child replaces the run (goflow's {@code terminal}): the
     * run and its parents end completed as the child starts, and nothing resumes when the child ends.
     */
    default boolean enterFlow(String flowUuid, boolean terminal) {
        return enterFlow(flowUuid);
    }

    /** A new id (tickets, queued work). */
    UUID newId();

    /** Something the sprint asks for beyond this conversation, saved with it ({@link Effect}). */
    void effect(Effect effect);

    /**
     * The run pauses right after the action {@code actionUuid} until {@code call}'s outcome resumes it; the call is
     * queued with the sprint and made after its commit, never while the contact is locked.
     */
    void awaitCall(String actionUuid, WebhookRequest call);

    /**
     * The run pauses right after the action {@code actionUuid} until its delay ({@code seconds}; null: none, then
     * until the run expires) passes or a result is posted for it.
     */
    void awaitDelay(String actionUuid, Long seconds);
}
