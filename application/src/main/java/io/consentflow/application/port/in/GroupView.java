package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentState;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A group (Glific's collection) as read: its id, name, how many members it has and how many by consent state. */
public record GroupView(long id, String name, long members, Map<ConsentState, Long> byConsent) {
    public GroupView {
        Objects.requireNonNull(name, "name");
        Map<ConsentState, Long> all = new EnumMap<>(ConsentState.class);
        for (ConsentState s : ConsentState.values()) all.put(s, byConsent.getOrDefault(s, 0L));
        byConsent = Map.copyOf(all);
    }
}
