package io.consentflow.domain.flow.action;

import java.util.List;

/** Removes the named groups, or every group when {@code allGroups}. */
public record RemoveContactGroups(String uuid, List<String> groups, boolean allGroups) implements Action {
    public RemoveContactGroups {
        groups = List.copyOf(groups);
    }

    @Override
    public boolean execute(Step step) {
        // copy: contact.groups() is a view of the set being changed
        step.contact().removeGroups(allGroups ? List.copyOf(step.contact().groups()) : groups);
        return true;
    }
}
