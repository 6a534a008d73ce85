package io.consentflow.domain.flow.action;

import java.util.List;

public record AddContactGroups(String uuid, List<String> groups) implements Action {
    public AddContactGroups {
        groups = List.copyOf(groups);
    }
}
