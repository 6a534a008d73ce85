package io.consentflow.application.port;

/**
 * An import the flow format refuses: the text is not JSON, it is not a Glific export or a flow definition, or the
 * flow it describes cannot run. {@code where} is the path of the field at fault in the imported text
 * ({@code flows[0].keywords}, {@code nodes[2] (uuid).actions[0].text}); {@code detail} is the rule it breaks.
 * The reader of the format throws it and the use case passes it on unchanged, so it belongs to neither side of
 * the ports.
 */
public final class FlowFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: a caller answers the first two as a bad request, the others as a flow it cannot take. */
    public enum Fault {
        /** The text is empty or not JSON; the cause, when there is one, is the parser's own exception. */
        NOT_JSON,
        /** JSON, but not in the shape of an import: a field of the wrong type, unknown, missing or unstorable. */
        NOT_AN_IMPORT,
        /** More than the format allows of something (keywords per flow). */
        OVER_LIMIT,
        /** A well-formed import whose flow cannot run: an unknown action or case type, a broken graph. */
        INVALID_FLOW
    }

    private final Fault fault;
    private final String where;
    private final String detail;

    public FlowFormatException(Fault fault, String where, String detail) {
        this(fault, where, detail, null);
    }

    public FlowFormatException(Fault fault, String where, String detail, Throwable cause) {
        super(where == null ? detail : where + ": " + detail, cause);
        this.fault = fault;
        this.where = where;
        this.detail = detail;
    }

    public Fault fault() {
        return fault;
    }

    /** The path of the field at fault in the imported text, or null when it is the whole text. */
    public String where() {
        return where;
    }

    /** The rule broken, without the path. */
    public String detail() {
        return detail;
    }
}
