package io.consentflow.domain.flow.run;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that went wrong in a run without ending it, as goflow records an error event and goes on: the run
 * keeps it so staff can see why a contact got less than the flow says.
 *
 * @param code     what went wrong, one of the codes below (stored as written, so codes added later read back)
 * @param detail   which action or value, in words
 * @param nodeUuid the node whose action went wrong
 */
public record RunError(String code, String detail, String nodeUuid, Instant at) {
    /** A message rendered to nothing (no text, media or template): it was not sent. */
    public static final String EMPTY_MESSAGE = "empty_message";
    /** An attachment that names no known kind or no URL once rendered: it was not sent. */
    public static final String BAD_ATTACHMENT = "bad_attachment";
    /** A broadcast or flow start named a recipient by no phone number: that recipient is skipped. */
    public static final String BAD_RECIPIENT = "bad_recipient";

    /** An expression that could not be evaluated (it rendered as nothing): goflow's words for why. */
    public static final String EXPRESSION_FAILED = "expression_failed";
    /** A wait's {@code timeout.expression} that is no whole number of seconds: the wait had no timeout. */
    public static final String BAD_TIMEOUT = "bad_timeout";

    /** A registered template given more or fewer variables than its placeholders: it was not sent. */
    public static final String TEMPLATE_PARAMS_MISMATCH = "template_params_mismatch";

    public RunError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
