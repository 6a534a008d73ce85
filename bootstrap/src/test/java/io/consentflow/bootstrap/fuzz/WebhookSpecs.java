package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

import static io.consentflow.bootstrap.fuzz.Spec.epochMillis;
import static io.consentflow.bootstrap.fuzz.Spec.epochSeconds;
import static io.consentflow.bootstrap.fuzz.Spec.objectOrEmpty;
import static io.consentflow.bootstrap.fuzz.Spec.objects;
import static io.consentflow.bootstrap.fuzz.Spec.requiredObject;
import static io.consentflow.bootstrap.fuzz.Spec.requiredText;
import static io.consentflow.bootstrap.fuzz.Spec.scalar;
import static io.consentflow.bootstrap.fuzz.Spec.text;

/**
 * Which provider callbacks are valid (200) and which are refused (400), from the payload shapes (the samples in
 * {@code src/test/resources/fixtures}, README): a callback is read completely before anything is handled; types and
 * events the service does not handle are valid and ignored; a handled event names every field it needs.
 */
final class WebhookSpecs {
    static final int BODY_LIMIT = 256 * 1024;

    private WebhookSpecs() {
    }

    /** The allowed answers to a Gupshup callback with this body. */
    static Set<Integer> gupshup(byte[] body) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            String type = requiredText(root, "type");
            epochMillis(root, "timestamp");
            switch (type) {
                case "message" -> gupshupMessage(requiredObject(root, "payload"));
                case "user-event" -> gupshupUserEvent(requiredObject(root, "payload"));
                case "message-event" -> gupshupMessageEvent(requiredObject(root, "payload"));
                default -> {
                    // ignored
                }
            }
            return Set.of(200);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    private static void gupshupMessage(JsonNode p) {
        String kind = requiredText(p, "type");
        JsonNode content = objectOrEmpty(p, "payload");
        switch (kind) {
            case "text", "quick_reply" -> text(content, "text");
            case "button_reply", "list_reply" -> text(content, "title");
            case "image", "file", "audio", "video", "sticker" -> text(content, "caption");
            case "location" -> {
                scalar(content, "latitude");
                scalar(content, "longitude");
            }
            case "contact", "contacts" -> {
            }
            default -> {
                return; // ignored
            }
        }
        Spec.text(p, "id", 256).orElseThrow(() -> Spec.bad("id"));
        requiredText(p, "id");
        JsonNode sender = objectOrEmpty(p, "sender");
        if (Spec.has(p, "source") || !Spec.has(sender, "phone")) Spec.phone(requiredText(p, "source"));
        else Spec.phone(requiredText(sender, "phone"));
        Spec.text(sender, "name", 256);
    }

    private static void gupshupUserEvent(JsonNode p) {
        String kind = requiredText(p, "type");
        if (!kind.equals("opted-in") && !kind.equals("opted-out")) return;
        Spec.phone(requiredText(p, "phone"));
    }

    private static void gupshupMessageEvent(JsonNode p) {
        String kind = requiredText(p, "type");
        boolean failed = kind.equals("failed");
        if (!Set.of("enqueued", "sent", "delivered", "read", "failed").contains(kind)) return;
        requiredText(p, "id");
        Spec.text(p, "id", 256);
        Spec.text(p, "gsId", 256);
        text(p, "destination").ifPresent(Spec::phone);
        JsonNode detail = objectOrEmpty(p, "payload");
        epochSeconds(detail, "ts");
        if (failed) {
            scalar(detail, "code");
            text(detail, "reason");
        }
    }

    /**
     * The allowed answers to a Meta callback with this body: a body that is not an object, or whose {@code entry}
     * is not an array, is a 400; anything inside that cannot be read is skipped and the callback answered 200 (Meta
     * retries a refused callback for days, good items and all).
     */
    static Set<Integer> meta(byte[] body) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.elements(root, "entry");
            return Set.of(200);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    private static void metaMessage(JsonNode m) {
        String kind = requiredText(m, "type");
        switch (kind) {
            case "text" -> text(objectOrEmpty(m, "text"), "body");
            case "interactive" -> {
                JsonNode interactive = objectOrEmpty(m, "interactive");
                String sub = text(interactive, "type").orElse("");
                if (!sub.equals("button_reply") && !sub.equals("list_reply")) return;
                text(objectOrEmpty(interactive, sub), "title");
            }
            case "button" -> text(objectOrEmpty(m, "button"), "text");
            case "image", "video", "audio", "sticker", "document" -> text(objectOrEmpty(m, kind), "caption");
            case "location" -> {
                JsonNode loc = objectOrEmpty(m, "location");
                scalar(loc, "latitude");
                scalar(loc, "longitude");
            }
            case "contacts" -> {
            }
            default -> {
                return;
            }
        }
        requiredText(m, "id");
        Spec.phone(requiredText(m, "from"));
        epochSeconds(m, "timestamp");
    }

    private static void metaStatus(JsonNode s) {
        String kind = requiredText(s, "status");
        if (!Set.of("sent", "delivered", "read", "failed").contains(kind)) return;
        requiredText(s, "id");
        text(s, "recipient_id").ifPresent(Spec::phone);
        epochSeconds(s, "timestamp");
        var errors = objects(s, "errors");
        if (kind.equals("failed") && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            scalar(first, "code");
            if (text(first, "title").isEmpty()) text(first, "message");
        }
    }
}
