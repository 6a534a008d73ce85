package io.consentflow.domain.flow.action;

import java.util.List;

public record AddContactGroups(String uuid, List<String> groups) implements Action {
    public AddContactGroups {
        groups = List.copyOf(groups);
    }

    @Override
    public boolean execute(Step step) {
        step.contact().addGroups(groups);
        return true;
    }
}
