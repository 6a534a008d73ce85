package io.consentflow.adapter.http.console;

import java.util.List;

/**
 * The contacts page: the search as typed, the groups to filter by, one page of contacts, and the links to the next
 * page (null on the last) and back to the first (null on the first).
 */
public record ContactList(String q, String consent, String status, String group, List<GroupOption> groups,
                          List<ContactLine> contacts, String nextLink, String firstLink, boolean narrowed,
                          String problem) {
    public ContactList {
        groups = List.copyOf(groups);
        contacts = List.copyOf(contacts);
    }

    /** A group as an option of the group filter. */
    public record GroupOption(String id, String name) {
    }
}
