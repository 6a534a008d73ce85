package io.consentflow.application.service;

import io.consentflow.application.port.in.GroupNameTakenException;
import io.consentflow.application.port.in.GroupName;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.in.UnknownContactsException;
import io.consentflow.application.port.out.Groups;
import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Groups and their members; the store takes each member's contact lock. */
public final class GroupService implements ManageGroupsUseCase {
    private final Groups groups;

    public GroupService(Groups groups) {
        this.groups = groups;
    }

    @Override
    public List<GroupView> list() {
        return groups.list();
    }

    @Override
    public List<GroupName> names() {
        return groups.names();
    }

    @Override
    public Optional<GroupView> get(long id) {
        return groups.find(id);
    }

    @Override
    public GroupView create(String name) {
        String n = name(name);
        return groups.create(n).orElseThrow(() -> new GroupNameTakenException(n));
    }

    @Override
    public Optional<GroupView> rename(long id, String name) {
        String n = name(name);
        return switch (groups.rename(id, n)) {
            case RENAMED -> groups.find(id);
            case NO_GROUP -> Optional.empty();
            case TAKEN -> throw new GroupNameTakenException(n);
        };
    }

    @Override
    public boolean delete(long id) {
        return groups.delete(id);
    }

    @Override
    public Optional<GroupView> addMembers(long id, List<Phone> phones) {
        List<Phone> unknown = groups.addMembers(id, distinct(phones));
        if (unknown == null) return Optional.empty();
        if (!unknown.isEmpty()) throw new UnknownContactsException(unknown);
        return groups.find(id);
    }

    @Override
    public Optional<GroupView> removeMembers(long id, List<Phone> phones) {
        return groups.removeMembers(id, distinct(phones)) ? groups.find(id) : Optional.empty();
    }

    /** In phone order: contacts are locked in that order everywhere, so two changes never wait on each other. */
    private static List<Phone> distinct(List<Phone> phones) {
        if (phones.size() > MAX_PHONES) throw new IllegalArgumentException("at most " + MAX_PHONES + " phones");
        TreeSet<String> digits = new TreeSet<>();
        phones.forEach(p -> digits.add(p.digits()));
        return digits.stream().map(Phone::new).toList();
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a group needs a name");
        String n = name.strip();
        if (n.length() > MAX_NAME) throw new IllegalArgumentException("a group's name has at most " + MAX_NAME + " characters");
        return n;
    }
}
