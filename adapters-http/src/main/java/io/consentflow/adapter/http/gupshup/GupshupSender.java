package io.consentflow.adapter.http.gupshup;

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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gupshup's WhatsApp API: a form post to {@code /wa/api/v1/msg} (session messages: text, quick replies, lists, media)
 * or {@code /wa/api/v1/template/msg} (templates), authenticated by the {@code apikey} header.
 */
public final class GupshupSender implements MessageSender {

    private final SenderSettings settings;
    private final ProviderCall call;

    /** @param client made on the first call (see {@link io.consentflow.adapter.http.provider.ProviderClient}) */
    public GupshupSender(Supplier<HttpClient> client, SenderSettings settings) {
        this.settings = settings;
        this.call = new ProviderCall(client, settings, new ProviderCall.Auth("apikey", ""));
    }

    @Override
    public String provider() {
        return GupshupWebhook.PROVIDER;
    }

    @Override
    public SendResult send(OutboundMessage m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", "whatsapp");
        form.put("source", settings.source());
        form.put("destination", m.phone().digits());
        form.put("src.name", settings.appName());
        String path;
        if (m.content() instanceof OutboundContent.Template t) {
            path = "/wa/api/v1/template/msg";
            // Gupshup knows a template by its id: the registry's provider id, else the flow's uuid (Glific keeps
            // Gupshup's id as the template's uuid), else the name a caller gave
            String id = t.providerId() != null ? t.providerId() : t.uuid() != null ? t.uuid() : t.name();
            ObjectNode template = JsonNodeFactory.instance.objectNode().put("id", id);
            ArrayNode params = template.putArray("params");
            t.params().forEach(params::add);
            form.put("template", template.toString());
        } else {
            path = "/wa/api/v1/msg";
            form.put("message", message(m).toString());
        }
        // Gupshup says "too fast" with HTTP 429 (ProviderCall); no error body of its own means more than its status
        return call.post(path, "application/x-www-form-urlencoded", encode(form), m, GupshupSender::accepted,
                answer -> ProviderCall.ErrorKind.PERMANENT);
    }

    private static SendResult accepted(String body) {
        try {
            JsonNode n = Json.answers().readTree(body);
            String id = n.path("messageId").asText("");
            if (id.isEmpty()) return new SendResult.Rejected("no messageId in " + body);
            return new SendResult.Accepted(id);
        } catch (IOException e) {
            return new SendResult.Rejected("unreadable answer: " + body);
        }
    }

    static ObjectNode message(OutboundMessage m) {
        if (m.content() instanceof OutboundContent.InteractiveContent ic) return interactive(ic.message(), m);
        if (m.content() instanceof OutboundContent.MediaContent mc) return media(mc.media());
        OutboundContent.Text t = m.content() instanceof OutboundContent.Text x ? x
                : new OutboundContent.Text(m.text() == null ? "" : m.text(), java.util.List.of());
        if (!t.quickReplies().isEmpty()) {
            return quickReply(null, t.body(), t.quickReplies(), m);
        }
        return JsonNodeFactory.instance.objectNode().put("type", "text").put("text", t.body());
    }

    /** Gupshup's media messages: an image names its URL twice (original and preview), a file its name. */
    private static ObjectNode media(Media media) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (media.type()) {
            case IMAGE -> o.put("type", "image").put("originalUrl", media.url()).put("previewUrl", media.url());
            case FILE -> o.put("type", "file").put("url", media.url()).put("filename", fileName(media));
            case AUDIO -> o.put("type", "audio").put("url", media.url());
            case STICKER -> o.put("type", "sticker").put("url", media.url());
            default -> o.put("type", "video").put("url", media.url());
        }
        if (!media.caption().isEmpty() && media.type() != MessageType.AUDIO && media.type() != MessageType.STICKER) {
            o.put("caption", media.caption());
        }
        return o;
    }

    /** A document's name as the contact sees it: the last part of its URL's path. */
    private static String fileName(Media media) {
        String path = media.url().replaceAll("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "document" : last;
    }

    private static ObjectNode interactive(Interactive i, OutboundMessage m) {
        if (i.kind() == Interactive.Kind.QUICK_REPLY) return quickReply(i.header(), i.text(), i.buttons(), m);
        if (i.kind() == Interactive.Kind.LOCATION_REQUEST) return locationRequest(i.text(), m);
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("type", "list").put("title", i.header() == null ? "" : i.header())
                .put("body", i.text()).put("msgid", m.id().toString());
        list.putArray("globalButtons").addObject().put("type", "text").put("title", i.listButton());
        ArrayNode items = list.putArray("items");
        for (Interactive.Section s : i.sections()) {
            ObjectNode item = items.addObject().put("title", s.title());
            ArrayNode options = item.putArray("options");
            for (Interactive.Row r : s.rows()) {
                options.addObject().put("type", "text").put("title", r.title())
                        .put("description", r.description() == null ? "" : r.description());
            }
        }
        return list;
    }

    /** WhatsApp's "send location" button, as Gupshup takes it (Glific sends it so). */
    private static ObjectNode locationRequest(String text, OutboundMessage m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "location_request_message")
                .put("msgid", m.id().toString());
        o.putObject("body").put("type", "text").put("text", text);
        o.putObject("action").put("name", "send_location");
        return o;
    }

    private static ObjectNode quickReply(String header, String text, java.util.List<String> buttons, OutboundMessage m) {
        ObjectNode qr = JsonNodeFactory.instance.objectNode().put("type", "quick_reply").put("msgid", m.id().toString());
        ObjectNode content = qr.putObject("content").put("type", "text").put("text", text);
        if (header != null && !header.isBlank()) content.put("header", header);
        ArrayNode options = qr.putArray("options");
        buttons.forEach(b -> options.addObject().put("type", "text").put("title", b));
        return qr;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
