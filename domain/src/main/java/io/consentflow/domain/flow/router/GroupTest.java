package io.consentflow.domain.flow.router;

import java.util.Optional;

/**
 * The contact is in the group, whatever the operand (usually {@code @contact.groups}). Groups are known by name
 * (the add and remove actions name them), compared case-insensitively; the value is the name as the contact has it.
 */
public record GroupTest(String name) implements CaseTest {
    public GroupTest {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("group name is blank");
        name = name.strip();
    }

    @Override
    public Optional<String> match(CaseInput input) {
        if (input.contact() == null) return Optional.empty();
        return input.contact().groups().stream().filter(g -> g.strip().equalsIgnoreCase(name)).findFirst();
    }
}
