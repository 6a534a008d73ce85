package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateRequest;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Sending a message through the API (the same send policy as flows: a refusal is a 422 with its code) and
 * reading one message back.
 */
public final class MessageRoutes {
    private static final Logger log = LoggerFactory.getLogger(MessageRoutes.class);

    private final Json json;
    private final SendMessageUseCase send;
    private final ViewContactsUseCase view;
    private final MessageJsonMapper messages = new MessageJsonMapper();

    public MessageRoutes(Json json, SendMessageUseCase send, ViewContactsUseCase view) {
        this.json = json;
        this.send = send;
        this.view = view;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/messages", this::send);
        routes.get("/api/v1/messages/{id}", this::message);
    }

    /**
     * {@code {"phone","text"}} or {@code {"phone","template":{"name","language","params":[..]}}} ({@code language}
     * optional for a registered template).
     */
    private void send(Context ctx) {
        SendMessageBody body = json.read(BoundedBody.read(ctx), SendMessageBody.class);
        if (body.phone() == null) throw ProblemException.badRequest("phone", "phone is required");
        Phone phone = Required.phone("phone", body.phone());
        OutboundMessage queued = body.template() != null ? send.sendTemplate(phone, template(body))
                : send.send(phone, content(body));
        log.info("API message {} queued for {}", queued.id(), phone.masked());
        json.reply(ctx.status(HttpStatus.ACCEPTED), new MessageQueuedJson(queued.id(), queued.status().wire()));
    }

    /**
     * A template by name: the registry picks its language (the contact's, else the template's default) unless
     * {@code language} names one.
     */
    private static TemplateRequest template(SendMessageBody body) {
        SendMessageBody.Template t = body.template();
        if (body.text() != null) {
            throw ProblemException.badRequest("template", "template: give either text or template, not both");
        }
        String language = t.language() == null ? null : Required.text("template.language", t.language());
        List<String> params = t.params() == null ? List.of() : t.params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) {
                throw ProblemException.badRequest("template.params[" + i + "]", "template.params[" + i
                        + "] must be a text");
            }
        }
        return new TemplateRequest(Required.text("template.name", t.name()), language, params);
    }

    private static OutboundContent content(SendMessageBody body) {
        if (body.text() == null) throw ProblemException.badRequest("text", "text: text or template is required");
        return new OutboundContent.Text(Required.text("text", body.text()), List.of());
    }

    private void message(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        Message m = view.message(id).orElseThrow(() -> ProblemException.notFound("no message " + id));
        json.reply(ctx, messages.toJson(m));
    }
}
