package io.consentflow.domain.flow.action;

import java.util.List;

/** Removes the named groups, or every group when {@code allGroups}. */
public record RemoveContactGroups(String uuid, List<String> groups, boolean allGroups) implements Action {
    public RemoveContactGroups {
        groups = List.copyOf(groups);
    }
}
