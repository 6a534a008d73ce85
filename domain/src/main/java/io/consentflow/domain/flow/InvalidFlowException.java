package io.consentflow.domain.flow;

/**
 * A flow definition that cannot run. {@code where} names the flow, node, action or field at fault so an
 * import can report it (e.g. {@code nodes[3] (uuid 17b7...).actions[0]}).
 */
public final class InvalidFlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public InvalidFlowException(String where, String message) {
        super(where == null ? message : where + ": " + message);
        this.where = where;
    }

    public String where() {
        return where;
    }

    public String detail() {
        String m = getMessage();
        return where == null ? m : m.substring(where.length() + 2);
    }
}
