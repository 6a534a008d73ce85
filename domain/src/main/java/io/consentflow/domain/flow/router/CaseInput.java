package io.consentflow.domain.flow.router;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.MessageType;

import java.time.Instant;

/**
 * What a router's case may see, as goflow hands a test its operand and the run's environment: the operand
 * rendered as text, the result it names, why it could not be evaluated, the kind of message that woke the run,
 * the contact and the time of the sprint.
 *
 * @param text        the operand rendered (never null; empty when there is nothing)
 * @param messageType the kind of the inbound message this sprint handles; null when no message woke the run (a
 *                    timeout, a start by the API, a parent routing on its child)
 * @param error       why the operand could not be evaluated (it names a result the run does not have), or null
 * @param result      the run's result the operand names ({@code @results.x}), or null when it names none
 * @param contact     the contact whose run this is, or null (a test of the text alone)
 * @param now         the time of the sprint: "today" for date tests, the century for two-digit years; null when
 *                    the test runs at no particular time (then tests that need today match nothing)
 */
public record CaseInput(String text, MessageType messageType, String error, RunResult result, Contact contact,
                        Instant now) {
    public CaseInput {
        text = text == null ? "" : text;
    }

    /** A text message and nothing else: no result, no contact, no time. */
    public static CaseInput text(String text) {
        return new CaseInput(text, MessageType.TEXT, null, null, null, null);
    }
}
