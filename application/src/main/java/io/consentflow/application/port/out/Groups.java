package io.consentflow.application.port.out;

import io.consentflow.application.port.in.GroupName;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Optional;

/**
 * The groups and their members. Each call is one transaction; a membership change locks the contacts it changes
 * (in phone order), as every change to a contact does. Names are unique ignoring case.
 */
public interface Groups {
    /** Every group, by name ignoring case. */
    List<GroupView> list();

    /** Every group's id and name, by name ignoring case; nothing counted. */
    List<GroupName> names();

    Optional<GroupView> find(long id);

    /** Empty when another group has the name. */
    Optional<GroupView> create(String name);

    /** Empty when there is no such group; {@link Renamed#TAKEN} when another group has the name. */
    Renamed rename(long id, String name);

    boolean delete(long id);

    /**
     * Adds the contacts to the group, all or none.
     *
     * @return the phones that have no contact (then nothing was added); empty when all were added. Null when there
     * is no such group.
     */
    List<Phone> addMembers(long id, List<Phone> phones);

    /** @return false when there is no such group */
    boolean removeMembers(long id, List<Phone> phones);

    enum Renamed { RENAMED, NO_GROUP, TAKEN }
}
