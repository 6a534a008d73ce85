package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastView;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.NewBroadcast;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.contact.Phone;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Broadcasts: {@code POST /api/v1/broadcasts} (201 {@code {"id","status"}}), {@code GET /api/v1/broadcasts}
 * (paged by id as the tickets are), {@code GET /api/v1/broadcasts/{id}} with its counts, and
 * {@code POST /api/v1/broadcasts/{id}/cancel}, which answers once nothing more of it can reach a provider.
 */
public final class BroadcastRoutes {
    private static final Logger log = LoggerFactory.getLogger(BroadcastRoutes.class);
    private static final String BROADCASTS = "/api/v1/broadcasts";
    private static final String BROADCAST = BROADCASTS + "/{id}";

    private final Json json;
    private final ManageBroadcastsUseCase broadcasts;

    public BroadcastRoutes(Json json, ManageBroadcastsUseCase broadcasts) {
        this.json = json;
        this.broadcasts = broadcasts;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(BROADCASTS, this::create);
        routes.get(BROADCASTS, this::list);
        routes.get(BROADCAST, ctx -> {
            UUID id = PathParams.uuid(ctx, "id");
            json.reply(ctx, BroadcastJson.of(broadcasts.find(id).orElseThrow(() -> none(id))));
        });
        routes.post(BROADCAST + "/cancel", this::cancel);
    }

    private void create(Context ctx) {
        NewBroadcast request = request(json.read(BoundedBody.read(ctx), BroadcastBody.class));
        BroadcastView created;
        try {
            created = broadcasts.create(request);
        } catch (ManageBroadcastsUseCase.InvalidBroadcastException e) {
            throw new ProblemException(Problem.of(422, e.getMessage()).withField(e.field()).withCode(e.code()));
        }
        log.info("broadcast {} created", created.broadcast().id());
        ctx.header("Location", BROADCASTS + "/" + created.broadcast().id());
        json.reply(ctx.status(HttpStatus.CREATED), new BroadcastJson.Created(created.broadcast().id().toString(),
                created.broadcast().status().wire()));
    }

    /** The body as a request; each fault a 400 naming its field, before anything is looked up. */
    static NewBroadcast request(BroadcastBody body) {
        String name = Required.text("name", body.name()).strip();
        if (name.length() > ManageBroadcastsUseCase.MAX_NAME) {
            throw ProblemException.badRequest("name", "name has at most " + ManageBroadcastsUseCase.MAX_NAME
                    + " characters");
        }
        if (body.template() != null && body.flow() != null) {
            throw ProblemException.badRequest("template", "give either template or flow, not both");
        }
        if (body.template() == null && body.flow() == null) {
            throw ProblemException.badRequest("template", "template or flow is required");
        }
        BroadcastContent content;
        if (body.template() != null) {
            String templateName = Required.text("template.name", body.template().name());
            List<String> params = body.template().params() == null ? List.of() : body.template().params();
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) == null) {
                    throw ProblemException.badRequest("template.params[" + i + "]", "template.params[" + i
                            + "] must be a text");
                }
            }
            content = new BroadcastContent.TemplateSend(templateName, params);
        } else {
            content = new BroadcastContent.FlowStart(Required.text("flow", body.flow()).strip());
        }
        return new NewBroadcast(name, content, audience(body.to()), at(body.at()));
    }

    private static Audience audience(BroadcastBody.To to) {
        if (to == null) throw ProblemException.badRequest("to", "to is required: {\"group\":id} or {\"phones\":[..]}");
        if ((to.group() == null) == (to.phones() == null)) {
            throw ProblemException.badRequest("to", "to takes either group or phones");
        }
        if (to.group() != null) {
            if (to.group() < 1) throw ProblemException.badRequest("to.group", "to.group must be a group id");
            return new Audience.Group(to.group());
        }
        if (to.phones().isEmpty()) throw ProblemException.badRequest("to.phones", "to.phones must not be empty");
        if (to.phones().size() > ManageBroadcastsUseCase.MAX_PHONES) {
            throw ProblemException.badRequest("to.phones", "to.phones has at most "
                    + ManageBroadcastsUseCase.MAX_PHONES + " entries; use a group for more");
        }
        LinkedHashSet<Phone> phones = new LinkedHashSet<>();
        for (int i = 0; i < to.phones().size(); i++) {
            phones.add(Required.phone("to.phones[" + i + "]", to.phones().get(i)));
        }
        return new Audience.Phones(new ArrayList<>(phones));
    }

    /** An ISO-8601 time with its offset ({@code 2026-12-01T09:00:00Z}, {@code ...+05:30}); null: now. */
    private static Instant at(String raw) {
        if (raw == null) return null;
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at", "at must be an ISO-8601 time with its offset, e.g. "
                    + "2026-12-01T09:00:00Z");
        }
    }

    private void list(Context ctx) {
        int limit = IdPages.limit(ctx);
        List<BroadcastView> found = broadcasts.list(IdPages.after(ctx, "broadcast"), limit + 1);
        json.reply(ctx, IdPages.page(ctx, BROADCASTS, limit, found, v -> v.broadcast().id()).stream()
                .map(BroadcastJson::of).toList());
    }

    private void cancel(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        try {
            BroadcastView v = broadcasts.cancel(id).orElseThrow(() -> none(id));
            log.info("broadcast {} cancelled", id);
            json.reply(ctx, BroadcastJson.of(v));
        } catch (ManageBroadcastsUseCase.BroadcastFinishedException e) {
            throw new ProblemException(Problem.of(409, e.getMessage()).withCode("broadcast_done"));
        }
    }

    private static ProblemException none(UUID id) {
        return ProblemException.notFound("no broadcast " + id);
    }
}
