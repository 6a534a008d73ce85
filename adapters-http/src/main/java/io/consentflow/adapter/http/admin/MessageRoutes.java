package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.SendMessageUseCase;
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

    /** {@code {"phone","text"}} or {@code {"phone","template":{"name","language","params":[..]}}}. */
    private void send(Context ctx) {
        SendMessageBody body = json.read(BoundedBody.read(ctx), SendMessageBody.class);
        if (body.phone() == null) throw ProblemException.badRequest("phone", "phone is required");
        Phone phone = Required.phone("phone", body.phone());
        OutboundContent content = content(body);
        OutboundMessage queued = send.send(phone, content);
        log.info("API message {} queued for {}", queued.id(), phone.masked());
        json.reply(ctx.status(HttpStatus.ACCEPTED), new MessageQueuedJson(queued.id(), queued.status().wire()));
    }

    private static OutboundContent content(SendMessageBody body) {
        SendMessageBody.Template t = body.template();
        if (t != null) {
            if (body.text() != null) {
                throw ProblemException.badRequest("template", "template: give either text or template, not both");
            }
            return new OutboundContent.Template(Required.text("template.name", t.name()),
                    Required.text("template.language", t.language()), t.params() == null ? List.of() : t.params());
        }
        if (body.text() == null) throw ProblemException.badRequest("text", "text: text or template is required");
        return new OutboundContent.Text(Required.text("text", body.text()), List.of());
    }

    private void message(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        Message m = view.message(id).orElseThrow(() -> ProblemException.notFound("no message " + id));
        json.reply(ctx, messages.toJson(m));
    }
}
