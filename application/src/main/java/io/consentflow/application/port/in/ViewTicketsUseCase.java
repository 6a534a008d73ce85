package io.consentflow.application.port.in;

import io.consentflow.domain.flow.effect.Ticket;

import java.util.List;
import java.util.UUID;

/** Tickets flows opened ({@code open_ticket}), page by page in id order. */
public interface ViewTicketsUseCase {
    /** Up to {@code limit} tickets after {@code after} (null: from the first). */
    List<Ticket> tickets(UUID after, int limit);
}
