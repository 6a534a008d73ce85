package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.JsonFields;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundContent;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.mapstruct.factory.Mappers;
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
    private static final List<String> SEND_FIELDS = List.of("phone", "text", "template");
    private static final List<String> TEMPLATE_FIELDS = List.of("name", "language", "params");

    private final Json json;
    private final SendMessageUseCase send;
    private final ViewContactsUseCase view;
    private final MessageJsonMapper messages = Mappers.getMapper(MessageJsonMapper.class);

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
        JsonFields body = json.readObject(BoundedBody.read(ctx)).onlyFields(SEND_FIELDS);
        Phone phone = body.phone("phone").orElseThrow(() -> ProblemException.badRequest("phone", "phone is required"));
        OutboundContent content = content(body);
        Message queued = send.send(phone, content);
        log.info("API message {} queued for {}", queued.id(), phone.masked());
        json.reply(ctx.status(HttpStatus.ACCEPTED), new MessageQueuedJson(queued.id(), queued.status().wire()));
    }

    private static OutboundContent content(JsonFields body) {
        if (body.has("template")) {
            if (body.has("text")) throw body.invalid("template", "give either text or template, not both");
            JsonFields t = body.requiredObject("template").onlyFields(TEMPLATE_FIELDS);
            List<String> params = t.strings("params").orElse(List.of());
            return new OutboundContent.Template(t.requiredText("name"), t.requiredText("language"), params);
        }
        if (!body.has("text")) throw body.invalid("text", "text or template is required");
        return new OutboundContent.Text(body.requiredText("text"), List.of());
    }

    private void message(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id");
        Message m = view.message(id).orElseThrow(() -> ProblemException.notFound("no message " + id));
        json.reply(ctx, messages.toJson(m));
    }
}
