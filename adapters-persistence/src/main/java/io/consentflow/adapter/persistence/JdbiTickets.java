package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Tickets;
import io.consentflow.domain.flow.effect.Ticket;

import java.util.List;
import java.util.UUID;

/** Tickets in id order (time-ordered ids: oldest first), a page after a given id: a probe of the primary key. */
final class JdbiTickets implements Tickets {
    private static final String FIRST = "SELECT " + OutreachRows.TICKET_COLUMNS + " FROM tickets ORDER BY id LIMIT ?";
    private static final String AFTER = "SELECT " + OutreachRows.TICKET_COLUMNS
            + " FROM tickets WHERE id > ? ORDER BY id LIMIT ?";

    private final Database db;

    JdbiTickets(Database db) {
        this.db = db;
    }

    @Override
    public List<Ticket> page(UUID after, int limit) {
        return db.withHandle(h -> (after == null ? h.createQuery(FIRST).bind(0, limit)
                : h.createQuery(AFTER).bind(0, after).bind(1, limit))
                .map((rs, ctx) -> OutreachRows.ticket(rs)).list());
    }
}
