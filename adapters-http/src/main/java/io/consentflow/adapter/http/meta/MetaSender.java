package io.consentflow.adapter.http.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consentflow.adapter.http.support.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.adapter.http.provider.ProviderCall;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.util.List;

/** The Meta WhatsApp Cloud API: {@code POST /{phone_number_id}/messages} with a bearer token. */
public final class MetaSender implements MessageSender {
    /** Meta allows at most three reply buttons. */
    private static final int MAX_BUTTONS = 3;

    private final String messagesPath;
    private final ProviderCall call;

    /** @param client made on the first call (see {@link io.consentflow.adapter.http.provider.ProviderClient}) */
    public MetaSender(Supplier<HttpClient> client, SenderSettings settings) {
        this.messagesPath = "/" + settings.phoneNumberId() + "/messages";
        this.call = new ProviderCall(client, settings, new ProviderCall.Auth("Authorization", "Bearer "));
    }

    @Override
    public String provider() {
        return MetaWebhook.PROVIDER;
    }

    @Override
    public SendResult send(OutboundMessage m) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("messaging_product", "whatsapp")
                .put("recipient_type", "individual").put("to", m.phone().digits());
        fill(body, m);
        return call.post(messagesPath, "application/json", body.toString(), m, MetaSender::accepted,
                MetaSender::errorKind);
    }

    static void fill(ObjectNode body, OutboundMessage m) {
        OutboundContent c = m.content();
        if (c instanceof OutboundContent.Template t) {
            body.put("type", "template");
            // Meta knows a template by its name: the registry's provider id when it names it otherwise
            ObjectNode template = body.putObject("template").put("name", t.providerId() != null ? t.providerId() : t.name());
            template.putObject("language").put("code", t.language());
            if (!t.params().isEmpty()) {
                ArrayNode params = template.putArray("components").addObject().put("type", "body").putArray("parameters");
                t.params().forEach(p -> params.addObject().put("type", "text").put("text", p));
            }
        } else if (c instanceof OutboundContent.MediaContent mc) {
            media(body, mc.media());
        } else if (c instanceof OutboundContent.InteractiveContent ic) {
            interactive(body, ic.message());
        } else if (c instanceof OutboundContent.Text t && !t.quickReplies().isEmpty()) {
            interactive(body, new Interactive(Interactive.Kind.QUICK_REPLY, null, t.body(), t.quickReplies(), null, List.of()));
        } else {
            body.put("type", "text");
            body.putObject("text").put("body", m.text() == null ? "" : m.text());
        }
    }

    /** Meta's media messages: the object named after its kind holds the link; audio and stickers take no caption. */
    private static void media(ObjectNode body, Media media) {
        String kind = switch (media.type()) {
            case IMAGE -> "image";
            case AUDIO -> "audio";
            case FILE -> "document";
            case STICKER -> "sticker";
            default -> "video";
        };
        body.put("type", kind);
        ObjectNode o = body.putObject(kind).put("link", media.url());
        boolean captioned = media.type() != MessageType.AUDIO && media.type() != MessageType.STICKER;
        if (captioned && !media.caption().isEmpty()) o.put("caption", media.caption());
    }

    private static void interactive(ObjectNode body, Interactive i) {
        body.put("type", "interactive");
        ObjectNode in = body.putObject("interactive");
        if (i.kind() == Interactive.Kind.LOCATION_REQUEST) {
            // the Cloud API's location request: a body and the one action it knows
            in.put("type", "location_request_message");
            in.putObject("body").put("text", i.text());
            in.putObject("action").put("name", "send_location");
            return;
        }
        if (i.header() != null && !i.header().isBlank()) in.putObject("header").put("type", "text").put("text", i.header());
        in.putObject("body").put("text", i.text());
        ObjectNode action = in.putObject("action");
        if (i.kind() == Interactive.Kind.QUICK_REPLY) {
            in.put("type", "button");
            ArrayNode buttons = action.putArray("buttons");
            List<String> titles = i.buttons().subList(0, Math.min(MAX_BUTTONS, i.buttons().size()));
            for (int n = 0; n < titles.size(); n++) {
                buttons.addObject().put("type", "reply").putObject("reply").put("id", "b" + (n + 1))
                        .put("title", titles.get(n));
            }
        } else {
            in.put("type", "list");
            action.put("button", i.listButton() == null ? "Choose" : i.listButton());
            ArrayNode sections = action.putArray("sections");
            int row = 0;
            for (Interactive.Section s : i.sections()) {
                ObjectNode section = sections.addObject().put("title", s.title());
                ArrayNode rows = section.putArray("rows");
                for (Interactive.Row r : s.rows()) {
                    ObjectNode o = rows.addObject().put("id", "r" + (++row)).put("title", r.title());
                    if (r.description() != null && !r.description().isBlank()) o.put("description", r.description());
                }
            }
        }
    }

    private static SendResult accepted(String body) {
        try {
            JsonNode id = Json.answers().readTree(body).path("messages").path(0).path("id");
            return id.isTextual() ? new SendResult.Accepted(id.asText())
                    : new SendResult.Rejected("no message id in " + body);
        } catch (IOException e) {
            return new SendResult.Rejected("unreadable answer: " + body);
        }
    }

    /** The error answer's {@code error.code} in our words; an answer that cannot be read is permanent. */
    private static ProviderCall.ErrorKind errorKind(String body) {
        try {
            return MetaErrors.kind(Json.answers().readTree(body).path("error").path("code").asInt(-1));
        } catch (IOException e) {
            return ProviderCall.ErrorKind.PERMANENT;
        }
    }
}
