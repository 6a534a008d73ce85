package io.consentflow.adapter.http.gupshup;

import io.consentflow.adapter.http.provider.EventDispatcher;
import io.consentflow.adapter.http.provider.FailureDetail;
import io.consentflow.adapter.http.provider.Locations;
import io.consentflow.adapter.http.provider.ReportedStatus;
import io.consentflow.adapter.http.provider.WebhookEvent;
import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.provider.CallbackFields;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.Required;
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
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /webhooks/gupshup}: Gupshup API v2 callbacks ({@code message}, {@code user-event},
 * {@code message-event}). Types we do not handle are answered 200 and logged, so Gupshup does not retry them.
 */
public final class GupshupWebhook {
    public static final String PATH = "/webhooks/gupshup";
    static final String PROVIDER = "gupshup";
    /** The message-event types that report a delivery status. */
    /** The user-event types that change consent: the contact opted in or out with Gupshup. */
    private static final Map<String, ConsentState> USER_EVENTS = Map.of("opted-in", ConsentState.OPTED_IN,
            "opted-out", ConsentState.OPTED_OUT);
    private static final Set<MessageStatus> STATUSES = EnumSet.of(MessageStatus.ENQUEUED, MessageStatus.SENT,
            MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.FAILED);
    private static final Logger log = LoggerFactory.getLogger(GupshupWebhook.class);

    private final Json json;
    private final EventDispatcher dispatcher;
    private final String token;
    private final Clock clock;

    /** @param token the {@code ?token=} the callback URL must carry, or null when none is required */
    public GupshupWebhook(Json json, ReceiveMessageUseCase receive, ChangeConsentUseCase changeConsent,
                          RecordDeliveryStatusUseCase deliveries, String token, Clock clock) {
        this.json = json;
        this.dispatcher = new EventDispatcher(receive, changeConsent, deliveries);
        this.token = token;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::handle);
    }

    private void handle(Context ctx) {
        // Gupshup cannot sign its callbacks; a secret in the callback URL is what it offers.
        if (token != null && !Secrets.matches(token, tokenParam(ctx))) {
            throw ProblemException.unauthorized("missing or wrong token");
        }
        List<WebhookEvent> events = parse(CallbackFields.root(json.readTree(BoundedBody.read(ctx))));
        json.reply(ctx, dispatcher.dispatch(events));
    }

    /** The {@code ?token=}, decoded as UTF-8 whatever the Content-Type says; null when absent or not decodable. */
    private static String tokenParam(Context ctx) {
        try {
            return QueryParams.first(ctx, "token");
        } catch (ProblemException e) {
            return null;
        }
    }

    /** Reads one callback completely; throws a 400 problem naming the field before anything is handled. */
    List<WebhookEvent> parse(CallbackFields body) {
        String type = body.requiredText("type");
        Instant at = body.epochMillis("timestamp").orElse(null);
        switch (type) {
            case "message":
                return message(body.requiredObject("payload"), at == null ? clock.instant() : at);
            case "user-event":
                return userEvent(body.requiredObject("payload"), at);
            case "message-event":
                return messageEvent(body.requiredObject("payload"), at == null ? clock.instant() : at);
            default:
                log.info("gupshup callback of type '{}' ignored", type);
                return List.of();
        }
    }

    private List<WebhookEvent> message(CallbackFields p, Instant at) {
        String kind = p.requiredText("type");
        CallbackFields content = p.objectOrEmpty("payload");
        MessageType type = kind.equals("contact") ? MessageType.CONTACTS : MessageType.fromWire(kind).orElse(null);
        // where each kind carries its text; null for a kind nobody sends us
        String text = type == null ? null : switch (type) {
            case TEXT, QUICK_REPLY -> content.text("text").orElse("");
            case BUTTON_REPLY, LIST_REPLY -> content.text("title").orElse("");
            case IMAGE, FILE, AUDIO, VIDEO, STICKER -> content.text("caption").orElse("");
            case LOCATION -> Locations.text(content);
            case CONTACTS -> "";
            case INTERACTIVE, TEMPLATE -> null;
        };
        if (text == null) {
            log.info("gupshup message of type '{}' ignored", kind);
            return List.of();
        }
        String id = p.requiredText("id", CallbackFields.MAX_PROVIDER_ID);
        CallbackFields sender = p.objectOrEmpty("sender");
        Phone phone;
        if (p.has("source") || !sender.has("phone")) {
            phone = Required.phone(p.path("source"), p.requiredText("source"));
        } else {
            phone = Required.phone(sender.path("phone"), sender.requiredText("phone"));
        }
        String name = sender.text("name", CallbackFields.MAX_NAME).orElse(null);
        Media media = Media.isMedia(type) ? content.mediaUrl("url")
                .map(url -> new Media(type, url, text)).orElse(null) : null;
        return List.of(new WebhookEvent.Inbound(new InboundMessage(PROVIDER, id, phone, name, type, text, at, media)));
    }

    private List<WebhookEvent> userEvent(CallbackFields p, Instant at) {
        String kind = p.requiredText("type");
        ConsentState to = USER_EVENTS.get(kind);
        if (to == null) {
            log.info("gupshup user-event '{}' ignored", kind);
            return List.of();
        }
        Phone phone = Required.phone(p.path("phone"), p.requiredText("phone"));
        return List.of(new WebhookEvent.Consent(new ChangeConsentCommand(phone, to, ConsentMethod.BSP,
                "gupshup:user-event:" + kind, at, true)));
    }

    private List<WebhookEvent> messageEvent(CallbackFields p, Instant callbackAt) {
        String kind = p.requiredText("type");
        Optional<MessageStatus> reported = ReportedStatus.of(kind, STATUSES);
        if (reported.isEmpty()) {
            log.info("gupshup message-event '{}' ignored", kind);
            return List.of();
        }
        MessageStatus status = reported.get();
        String id = p.requiredText("id", CallbackFields.MAX_PROVIDER_ID);
        String gsId = p.text("gsId", CallbackFields.MAX_PROVIDER_ID).orElse(null);
        Phone destination = p.phone("destination").orElse(null);
        CallbackFields detail = p.objectOrEmpty("payload");
        Instant at = detail.epochSeconds("ts").orElse(callbackAt);
        if (status != MessageStatus.FAILED) {
            return List.of(new WebhookEvent.Delivery(DeliveryStatus.of(PROVIDER, id, gsId, destination, status, at)));
        }
        String code = detail.scalar("code").orElse(null);
        String reason = detail.text("reason").orElse(null);
        return List.of(new WebhookEvent.Delivery(new DeliveryStatus(PROVIDER, id, gsId, destination, status, at,
                GupshupErrors.failure(code), FailureDetail.of(code, reason))));
    }
}
