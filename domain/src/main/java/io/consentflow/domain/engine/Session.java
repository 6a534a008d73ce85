package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.Run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine works on: the contact and its unfinished runs, child first (the ACTIVE run, then its
 * SUSPENDED parent, grand-parent...). {@code optinFlowUuid} is the organisation's opt-in flow (may be null):
 * its messages may reach an opted-out contact inside the session window. {@code globals} are the organisation's
 * {@code @globals}.
 */
public record Session(Contact contact, List<Run> runs, String optinFlowUuid, Map<String, String> globals) {
    public Session {
        runs = List.copyOf(runs);
        globals = globals == null ? Map.of() : globals;
    }

    /** Without globals. */
    public Session(Contact contact, List<Run> runs, String optinFlowUuid) {
        this(contact, runs, optinFlowUuid, Map.of());
    }

    public Optional<Run> activeRun() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }
}
