package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.StorableText;
import io.consentflow.application.port.in.ManageTemplatesUseCase;
import io.consentflow.application.port.in.ManageTemplatesUseCase.TemplateDraft;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The template registry: {@code POST/GET /api/v1/templates}, {@code GET/PUT/DELETE /api/v1/templates/{id}}. One
 * entry per name and language (another with both: 409 {@code template_exists}). The limits are WhatsApp's own
 * (a body of 1,024 characters, header and footer of 60, ten buttons of 25), so an entry here could be approved there.
 */
public final class TemplateRoutes {
    static final String TEMPLATES = "/api/v1/templates";
    private static final int MAX_NAME = 512;
    private static final int MAX_LANGUAGE = 16;
    private static final int MAX_BODY = 1024;
    private static final int MAX_HEADER_OR_FOOTER = 60;
    private static final int MAX_BUTTONS = 10;
    private static final int MAX_BUTTON = 25;
    private static final int MAX_PROVIDER_ID = 256;
    /** A locale tag as providers name template languages: {@code en}, {@code en_US}, {@code pt-BR}. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private final Json json;
    private final ManageTemplatesUseCase templates;

    public TemplateRoutes(Json json, ManageTemplatesUseCase templates) {
        this.json = json;
        this.templates = templates;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(TEMPLATES, this::create);
        routes.get(TEMPLATES, this::list);
        routes.get(TEMPLATES + "/{id}", this::one);
        routes.put(TEMPLATES + "/{id}", this::replace);
        routes.delete(TEMPLATES + "/{id}", this::delete);
    }

    private void create(Context ctx) {
        TemplateDraft draft = draft(json.read(BoundedBody.read(ctx), TemplateBody.class));
        json.reply(ctx.status(HttpStatus.CREATED), toJson(templates.register(draft)));
    }

    /** {@code ?name=} gives one name's entries (its default language first). */
    private void list(Context ctx) {
        String name = QueryParams.first(ctx, "name");
        json.reply(ctx, templates.templates(name).stream().map(TemplateRoutes::toJson).toList());
    }

    private void one(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        json.reply(ctx, toJson(templates.template(id).orElseThrow(() -> notFound(id))));
    }

    private void replace(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        TemplateDraft draft = draft(json.read(BoundedBody.read(ctx), TemplateBody.class));
        json.reply(ctx, toJson(templates.replace(id, draft).orElseThrow(() -> notFound(id))));
    }

    private void delete(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        if (!templates.delete(id)) throw notFound(id);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no template " + id);
    }

    /** The body checked field by field; the first fault is a 400 naming its field. */
    static TemplateDraft draft(TemplateBody b) {
        String name = text("name", b.name(), MAX_NAME);
        String language = text("language", b.language(), MAX_LANGUAGE).strip();
        if (!LANGUAGE_TAG.matcher(language).matches() || Language.find(language).isEmpty()) {
            throw ProblemException.badRequest("language", "language: '" + language + "' names no language "
                    + "(give it as the provider does: en, en_US, hi)");
        }
        String categoryText = Required.text("category", b.category());
        TemplateCategory category = TemplateCategory.fromWire(categoryText).orElseThrow(() ->
                ProblemException.badRequest("category", "category must be marketing, utility or authentication"));
        String body = text("body", b.body(), MAX_BODY);
        if (MessageTemplate.placeholders(body).isEmpty()) {
            throw ProblemException.badRequest("body", "body: its placeholders must be {{1}}, {{2}}, ... each "
                    + "number from 1 up used, none skipped");
        }
        String header = optional("header", b.header(), MAX_HEADER_OR_FOOTER);
        String footer = optional("footer", b.footer(), MAX_HEADER_OR_FOOTER);
        List<String> buttons = new ArrayList<>();
        if (b.buttons() != null) {
            if (b.buttons().size() > MAX_BUTTONS) {
                throw ProblemException.badRequest("buttons", "buttons: at most " + MAX_BUTTONS);
            }
            for (int i = 0; i < b.buttons().size(); i++) {
                buttons.add(text("buttons[" + i + "]", b.buttons().get(i), MAX_BUTTON));
            }
        }
        String providerId = optional("providerId", b.providerId(), MAX_PROVIDER_ID);
        return new TemplateDraft(name, language, category, body, header, footer, buttons, providerId);
    }

    private static String text(String field, String value, int max) {
        Required.text(field, value);
        if (value.length() > max) {
            throw ProblemException.badRequest(field, field + " must be at most " + max + " characters");
        }
        return StorableText.require(field, value);
    }

    private static String optional(String field, String value, int max) {
        return value == null ? null : text(field, value, max);
    }

    static TemplateJson toJson(MessageTemplate t) {
        return new TemplateJson(t.id(), t.name(), t.language(), t.category().wire(), t.body(), t.header(),
                t.footer(), t.buttons(), t.providerId(), t.params(), t.createdAt());
    }
}
