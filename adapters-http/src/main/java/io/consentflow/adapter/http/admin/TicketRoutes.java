package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.application.port.in.ViewTicketsUseCase;
import io.consentflow.domain.flow.effect.Ticket;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.List;

/**
 * {@code GET /api/v1/tickets?limit=&cursor=}: the tickets flows opened ({@code open_ticket}), oldest first, paged
 * by id as the flow list is: a JSON array, the next page's address in {@code Link: <..>; rel="next"} and its
 * cursor in {@code X-Next-Cursor}.
 */
public final class TicketRoutes {
    private static final String TICKETS = "/api/v1/tickets";

    private final Json json;
    private final ViewTicketsUseCase tickets;

    public TicketRoutes(Json json, ViewTicketsUseCase tickets) {
        this.json = json;
        this.tickets = tickets;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(TICKETS, this::list);
    }

    /** One ticket as the API shows it. */
    record TicketJson(String id, String phone, String flow, String run, String topic, String body, String assignee,
                      String openedAt) {
        static TicketJson of(Ticket t) {
            return new TicketJson(t.id().toString(), t.phone().digits(), t.flowUuid(),
                    t.runId() == null ? null : t.runId().toString(), t.topic(), t.body(), t.assignee(),
                    t.openedAt().toString());
        }
    }

    private void list(Context ctx) {
        int limit = IdPages.limit(ctx);
        List<Ticket> found = tickets.tickets(IdPages.after(ctx, "ticket"), limit + 1);
        json.reply(ctx, IdPages.page(ctx, TICKETS, limit, found, Ticket::id).stream().map(TicketJson::of).toList());
    }
}
