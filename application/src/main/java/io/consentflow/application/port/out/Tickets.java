package io.consentflow.application.port.out;

import io.consentflow.domain.flow.effect.Ticket;

import java.util.List;
import java.util.UUID;

/** Tickets flows opened, as committed ({@link Conversations} writes them with the sprint that opened them). */
public interface Tickets {
    /** Up to {@code limit} tickets in id order (time-ordered: oldest first), after {@code after} when given. */
    List<Ticket> page(UUID after, int limit);
}
