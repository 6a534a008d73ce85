package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.consentflow.application.port.in.ViewTicketsUseCase;
import io.consentflow.domain.flow.effect.Ticket;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/tickets?limit=&cursor=}: the tickets flows opened ({@code open_ticket}), oldest first, paged
 * by id as the flow list is: a JSON array, the next page's address in {@code Link: <..>; rel="next"} and its
 * cursor in {@code X-Next-Cursor}.
 */
public final class TicketRoutes {
    private static final String TICKETS = "/api/v1/tickets";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

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
        int limit = limit(ctx);
        String cursor = QueryParams.first(ctx, "cursor");
        UUID after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = UUID.fromString(cursor);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("cursor", "cursor must be a ticket id from the previous page");
            }
        }
        List<Ticket> found = tickets.tickets(after, limit + 1);
        List<Ticket> page = found.size() > limit ? found.subList(0, limit) : found;
        if (found.size() > limit) {
            String next = page.get(page.size() - 1).id().toString();
            ctx.header("Link", "<" + TICKETS + "?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
            ctx.header("X-Next-Cursor", next);
        }
        json.reply(ctx, page.stream().map(TicketJson::of).toList());
    }

    static int limit(Context ctx) {
        String raw = QueryParams.first(ctx, "limit");
        if (raw == null || raw.isEmpty()) return DEFAULT_PAGE;
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_PAGE);
        }
        return Integer.parseInt(raw);
    }
}
