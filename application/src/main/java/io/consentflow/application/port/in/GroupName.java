package io.consentflow.application.port.in;

import java.util.Objects;

/** A group known by id and name only: what a choice of groups shows, with nothing counted. */
public record GroupName(long id, String name) {
    public GroupName {
        Objects.requireNonNull(name, "name");
    }
}
