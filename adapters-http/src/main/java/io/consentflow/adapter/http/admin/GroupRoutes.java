package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.application.port.in.GroupNameTakenException;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.in.UnknownContactsException;
import io.consentflow.domain.contact.Phone;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups (Glific's collections): {@code GET/POST /api/v1/groups}, {@code GET/PATCH/DELETE /api/v1/groups/{id}},
 * {@code POST/DELETE /api/v1/groups/{id}/members} with {@code {"phones":[..]}}. Names are unique ignoring case
 * (409 when taken); adding a phone that has no contact is a 422 and adds nobody.
 */
public final class GroupRoutes {
    private static final Logger log = LoggerFactory.getLogger(GroupRoutes.class);
    private static final String GROUPS = "/api/v1/groups";
    private static final String GROUP = GROUPS + "/{id}";

    private final Json json;
    private final ManageGroupsUseCase groups;

    public GroupRoutes(Json json, ManageGroupsUseCase groups) {
        this.json = json;
        this.groups = groups;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(GROUPS, ctx -> json.reply(ctx, groups.list().stream().map(GroupRoutes::toJson).toList()));
        routes.post(GROUPS, this::create);
        routes.get(GROUP, ctx -> {
            long id = id(ctx);
            json.reply(ctx, toJson(groups.get(id).orElseThrow(() -> noGroup(id))));
        });
        routes.patch(GROUP, this::rename);
        routes.delete(GROUP, this::delete);
        routes.post(GROUP + "/members", ctx -> members(ctx, true));
        routes.delete(GROUP + "/members", ctx -> members(ctx, false));
    }

    private void create(Context ctx) {
        String name = name("name", json.read(BoundedBody.read(ctx), GroupBody.class).name());
        try {
            GroupView created = groups.create(name);
            log.info("group {} created", created.id());
            json.reply(ctx.status(HttpStatus.CREATED), toJson(created));
        } catch (GroupNameTakenException e) {
            throw taken(e);
        }
    }

    private void rename(Context ctx) {
        long id = id(ctx);
        String name = name("name", json.read(BoundedBody.read(ctx), GroupBody.class).name());
        try {
            GroupView renamed = groups.rename(id, name).orElseThrow(() -> noGroup(id));
            log.info("group {} renamed", id);
            json.reply(ctx, toJson(renamed));
        } catch (GroupNameTakenException e) {
            throw taken(e);
        }
    }

    private void delete(Context ctx) {
        long id = id(ctx);
        if (!groups.delete(id)) throw noGroup(id);
        log.info("group {} deleted", id);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void members(Context ctx, boolean add) {
        long id = id(ctx);
        MembersBody body = json.read(BoundedBody.read(ctx), MembersBody.class);
        if (body.phones() == null) throw ProblemException.badRequest("phones", "phones is required");
        if (body.phones().isEmpty()) throw ProblemException.badRequest("phones", "phones must not be empty");
        if (body.phones().size() > ManageGroupsUseCase.MAX_PHONES) {
            throw ProblemException.badRequest("phones", "phones has at most " + ManageGroupsUseCase.MAX_PHONES + " entries");
        }
        List<Phone> phones = new ArrayList<>(body.phones().size());
        for (int i = 0; i < body.phones().size(); i++) phones.add(Required.phone("phones[" + i + "]", body.phones().get(i)));
        try {
            GroupView v = (add ? groups.addMembers(id, phones) : groups.removeMembers(id, phones))
                    .orElseThrow(() -> noGroup(id));
            log.info("group {}: {} phone(s) {}", id, phones.size(), add ? "added" : "removed");
            json.reply(ctx, toJson(v));
        } catch (UnknownContactsException e) {
            throw new ProblemException(Problem.of(422, e.getMessage() + ": nobody was added").withField("phones"));
        }
    }

    static GroupJson toJson(GroupView v) {
        Map<String, Long> byConsent = new LinkedHashMap<>();
        v.byConsent().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byConsent.put(e.getKey().wire(), e.getValue()));
        return new GroupJson(v.id(), v.name(), v.members(), byConsent);
    }

    /** A group's name given in {@code field}: present, not blank, at most {@value ManageGroupsUseCase#MAX_NAME} characters. */
    static String name(String field, String value) {
        String name = Required.text(field, value).strip();
        if (name.length() > ManageGroupsUseCase.MAX_NAME) {
            throw ProblemException.badRequest(field, field + " has at most " + ManageGroupsUseCase.MAX_NAME + " characters");
        }
        return name;
    }

    private static long id(Context ctx) {
        return id("id", ctx.pathParam("id"));
    }

    /** A group id: a positive whole number; a 400 naming {@code field} otherwise. */
    static long id(String field, String raw) {
        if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
            throw ProblemException.badRequest(field, field + " must be a group id (a positive whole number)");
        }
        return Long.parseLong(raw);
    }

    private static ProblemException taken(GroupNameTakenException e) {
        return new ProblemException(Problem.of(409, e.getMessage()).withField("name"));
    }

    private static ProblemException noGroup(long id) {
        return ProblemException.notFound("no group " + id);
    }
}
