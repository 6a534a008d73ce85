package io.consentflow.application.port.in;

/** Another group already has this name (names are unique ignoring case). */
public final class GroupNameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public GroupNameTakenException(String name) {
        super("a group named '" + name + "' exists already (names are compared ignoring case)", null, false, false);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
