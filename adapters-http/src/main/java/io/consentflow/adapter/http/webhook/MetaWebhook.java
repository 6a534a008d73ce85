package io.consentflow.adapter.http.webhook;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.JsonFields;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.consentflow.adapter.http.support.Secrets;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase.DeliveryStatus;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /webhooks/meta}: the WhatsApp Cloud API. {@code GET} is the subscription handshake; {@code POST} carries
 * any number of entries, changes, messages, statuses and user preferences, all handled in order.
 */
public final class MetaWebhook {
    public static final String PATH = "/webhooks/meta";
    static final String PROVIDER = "meta";
    private static final Logger log = LoggerFactory.getLogger(MetaWebhook.class);

    private final Json json;
    private final EventDispatcher dispatcher;
    private final String verifyToken;
    private final MetaSignature signature;
    private final Clock clock;

    /**
     * @param verifyToken the handshake token, or null to refuse every handshake
     * @param appSecret   the key callbacks are signed with, or null to accept unsigned callbacks
     */
    public MetaWebhook(Json json, ReceiveMessageUseCase receive, ChangeConsentUseCase changeConsent,
                       RecordDeliveryStatusUseCase deliveries, String verifyToken, String appSecret, Clock clock) {
        this.json = json;
        this.dispatcher = new EventDispatcher(receive, changeConsent, deliveries);
        this.verifyToken = verifyToken;
        this.signature = appSecret == null ? null : new MetaSignature(appSecret);
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::verify);
        routes.post(PATH, this::handle);
    }

    private void verify(Context ctx) {
        boolean ok = verifyToken != null && "subscribe".equals(QueryParams.first(ctx, "hub.mode"))
                && Secrets.matches(verifyToken, QueryParams.first(ctx, "hub.verify_token"));
        if (!ok) throw ProblemException.forbidden("verification refused");
        String challenge = QueryParams.first(ctx, "hub.challenge");
        if (challenge == null || challenge.isEmpty()) {
            throw ProblemException.badRequest("hub.challenge", "hub.challenge is required");
        }
        ctx.contentType(ContentType.TEXT_PLAIN + "; charset=utf-8").result(challenge.getBytes(StandardCharsets.UTF_8));
    }

    private void handle(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        // The signature covers the bytes as sent: check it before parsing anything.
        if (signature != null && !signature.verifies(raw, ctx.header(MetaSignature.HEADER))) {
            throw ProblemException.unauthorized("missing or wrong " + MetaSignature.HEADER);
        }
        List<WebhookEvent> events = parse(json.readObject(raw));
        ctx.json(dispatcher.dispatch(events));
    }

    /** Reads one callback completely; throws a 400 problem naming the field before anything is handled. */
    List<WebhookEvent> parse(JsonFields body) {
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonFields entry : body.objects("entry")) {
            for (JsonFields change : entry.objects("changes")) {
                String field = change.text("field").orElse("");
                if (!field.equals("messages") && !field.equals("user_preferences")) {
                    log.info("meta change of field '{}' ignored", field);
                    continue;
                }
                value(change.objectOrEmpty("value"), events);
            }
        }
        return events;
    }

    private void value(JsonFields value, List<WebhookEvent> events) {
        Map<String, String> names = new HashMap<>();
        for (JsonFields c : value.objects("contacts")) {
            Optional<String> waId = c.text("wa_id");
            Optional<String> name = c.objectOrEmpty("profile").text("name");
            if (waId.isPresent() && name.isPresent()) names.put(waId.get(), name.get());
        }
        for (JsonFields m : value.objects("messages")) message(m, names).ifPresent(events::add);
        for (JsonFields s : value.objects("statuses")) status(s).ifPresent(events::add);
        for (JsonFields p : value.objects("user_preferences")) preference(p).ifPresent(events::add);
    }

    private Optional<WebhookEvent> message(JsonFields m, Map<String, String> names) {
        String kind = m.requiredText("type");
        MessageType type;
        String text;
        switch (kind) {
            case "text":
                type = MessageType.TEXT;
                text = m.objectOrEmpty("text").text("body").orElse("");
                break;
            case "interactive": {
                JsonFields interactive = m.objectOrEmpty("interactive");
                String sub = interactive.text("type").orElse("");
                if (sub.equals("button_reply")) type = MessageType.BUTTON_REPLY;
                else if (sub.equals("list_reply")) type = MessageType.LIST_REPLY;
                else {
                    log.info("meta interactive message of type '{}' ignored", sub);
                    return Optional.empty();
                }
                text = interactive.objectOrEmpty(sub).text("title").orElse("");
                break;
            }
            case "button":
                // a template's quick-reply button, Gupshup's "quick_reply"
                type = MessageType.QUICK_REPLY;
                text = m.objectOrEmpty("button").text("text").orElse("");
                break;
            case "image": case "video": case "audio": case "sticker": case "document":
                type = kind.equals("document") ? MessageType.FILE : MessageType.fromWire(kind).orElseThrow();
                text = m.objectOrEmpty(kind).text("caption").orElse("");
                break;
            case "location":
                type = MessageType.LOCATION;
                text = Locations.text(m.objectOrEmpty("location"));
                break;
            case "contacts":
                type = MessageType.CONTACTS;
                text = "";
                break;
            default:
                log.info("meta message of type '{}' ignored", kind);
                return Optional.empty();
        }
        String id = m.requiredText("id");
        String from = m.requiredText("from");
        Phone phone = JsonFields.phone(m.path("from"), from);
        Instant at = seconds(m, "timestamp");
        return Optional.of(new WebhookEvent.Inbound(new InboundMessage(PROVIDER, id, phone, names.get(from), type,
                text, at)));
    }

    private Optional<WebhookEvent> status(JsonFields s) {
        String kind = s.requiredText("status");
        MessageStatus status;
        switch (kind) {
            case "sent": status = MessageStatus.SENT; break;
            case "delivered": status = MessageStatus.DELIVERED; break;
            case "read": status = MessageStatus.READ; break;
            case "failed": status = MessageStatus.FAILED; break;
            default:
                log.info("meta status '{}' ignored", kind);
                return Optional.empty();
        }
        String id = s.requiredText("id");
        Phone recipient = s.phone("recipient_id").orElse(null);
        Instant at = seconds(s, "timestamp");
        String code = null;
        String reason = null;
        List<JsonFields> errors = s.objects("errors");
        if (status == MessageStatus.FAILED && !errors.isEmpty()) {
            JsonFields first = errors.get(0);
            code = first.scalar("code").orElse(null);
            reason = first.text("title").or(() -> first.text("message")).orElse(null);
        }
        return Optional.of(new WebhookEvent.Delivery(new DeliveryStatus(PROVIDER, id, null, recipient, status, at,
                code, reason)));
    }

    private static final String STOP_EVIDENCE = "meta:user_preferences:stop";

    private Optional<WebhookEvent> preference(JsonFields p) {
        String value = p.requiredText("value");
        ConsentState to;
        if (value.equals("stop")) to = ConsentState.OPTED_OUT;
        else if (value.equals("resume")) to = ConsentState.OPTED_IN;
        else {
            log.info("meta user preference '{}' ignored", value);
            return Optional.empty();
        }
        Phone phone = JsonFields.phone(p.path("wa_id"), p.requiredText("wa_id"));
        Instant at = p.epochSeconds("timestamp").orElse(null);
        // A resume lifts only the opt-out Meta's own stop recorded, never one the contact gave in a flow or to staff.
        String liftsOnly = to == ConsentState.OPTED_IN ? STOP_EVIDENCE : null;
        return Optional.of(new WebhookEvent.Consent(new ChangeConsentCommand(phone, to, ConsentMethod.BSP,
                "meta:user_preferences:" + value, at, true, liftsOnly)));
    }

    /** Meta sends Unix seconds, as a string; absent means now. */
    private Instant seconds(JsonFields o, String name) {
        return o.epochSeconds(name).orElseGet(clock::instant);
    }
}
