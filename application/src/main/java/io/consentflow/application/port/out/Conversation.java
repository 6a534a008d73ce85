package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.Run;

import java.util.List;
import java.util.Objects;

/**
 * An opened conversation: the contact, locked until it is saved, and its unfinished runs, child first (the ACTIVE
 * run, then its SUSPENDED parent chain); {@code created} when opening it created the contact.
 */
public record Conversation(Contact contact, List<Run> unfinishedRuns, boolean created) {
    public Conversation {
        Objects.requireNonNull(contact, "contact");
        unfinishedRuns = List.copyOf(unfinishedRuns);
    }

    /** A contact that was stored before this conversation opened. */
    public Conversation(Contact contact, List<Run> unfinishedRuns) {
        this(contact, unfinishedRuns, false);
    }
}
