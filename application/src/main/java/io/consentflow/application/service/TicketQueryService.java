package io.consentflow.application.service;

import io.consentflow.application.port.in.ViewTicketsUseCase;
import io.consentflow.application.port.out.Tickets;
import io.consentflow.domain.flow.effect.Ticket;

import java.util.List;
import java.util.UUID;

/** Reads the tickets flows opened. */
public final class TicketQueryService implements ViewTicketsUseCase {
    private final Tickets tickets;

    public TicketQueryService(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public List<Ticket> tickets(UUID after, int limit) {
        return tickets.page(after, limit);
    }
}
