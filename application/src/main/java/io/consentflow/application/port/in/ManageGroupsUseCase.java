package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Optional;

/**
 * Groups (Glific's collections): the same groups flows' {@code add_contact_groups}, {@code remove_contact_groups}
 * and {@code has_group} and the contact import's {@code collection} use, known to them by name. Names are unique
 * ignoring case. Empty means no such group.
 */
public interface ManageGroupsUseCase {
    /** Every group, by name. */
    List<GroupView> list();

    /**
     * Every group's id and name, by name ignoring case, members not counted: {@link #list()} reads every membership
     * to count them, too much for a filter's choices on each page.
     */
    List<GroupName> names();

    Optional<GroupView> get(long id);

    /** @throws GroupNameTakenException when another group has the name */
    GroupView create(String name);

    /** @throws GroupNameTakenException when another group has the name */
    Optional<GroupView> rename(long id, String name);

    /** The group goes, and with it its memberships; its contacts stay. */
    boolean delete(long id);

    /**
     * Adds the contacts, each under its contact's lock, all or none.
     *
     * @throws UnknownContactsException when some phone has no contact (nothing added)
     */
    Optional<GroupView> addMembers(long id, List<Phone> phones);

    /** Removes the contacts that are members; a phone that is not one changes nothing. */
    Optional<GroupView> removeMembers(long id, List<Phone> phones);

    /** At most this many phones per call (a request body's worth). */
    int MAX_PHONES = 10_000;
    /** At most this many characters in a group's name. */
    int MAX_NAME = 256;
}
