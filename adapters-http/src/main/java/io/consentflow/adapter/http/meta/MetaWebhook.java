package io.consentflow.adapter.http.meta;

import io.consentflow.adapter.http.provider.EventDispatcher;
import io.consentflow.adapter.http.provider.FailureDetail;
import io.consentflow.adapter.http.provider.Locations;
import io.consentflow.adapter.http.provider.ReportedStatus;
import io.consentflow.adapter.http.provider.SkippedEvents;
import io.consentflow.adapter.http.provider.WebhookEvent;
import io.consentflow.adapter.http.provider.WebhookReply;
import io.consentflow.adapter.http.provider.WebhookReply.Skipped;
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
import io.consentflow.domain.consent.ConsentTopic;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import io.javalin.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /webhooks/meta}: the WhatsApp Cloud API. {@code GET} is the subscription handshake; {@code POST} carries
 * any number of entries, changes, messages, statuses and user preferences, all handled in order.
 * <p>
 * One malformed item (a message, a status, a preference, or a change or entry that is not an object) does not
 * refuse the callback: Meta retries a refused callback for days, and with it every good item in it, so the good
 * items are applied, the bad one is logged and counted ({@link SkippedEvents}) and named in the 200 answer's
 * {@code skipped}. Only a body that is not a JSON object, or whose {@code entry} is not an array, is a 400.
 */
public final class MetaWebhook {
    public static final String PATH = "/webhooks/meta";
    static final String PROVIDER = "meta";
    /** The statuses Meta reports. */
    private static final Set<MessageStatus> STATUSES = EnumSet.of(MessageStatus.SENT, MessageStatus.DELIVERED,
            MessageStatus.READ, MessageStatus.FAILED);
    private static final Logger log = LoggerFactory.getLogger(MetaWebhook.class);

    private final Json json;
    private final EventDispatcher dispatcher;
    private final String verifyToken;
    private final MetaSignature signature;
    private final Clock clock;
    private final SkippedEvents skippedEvents;

    /**
     * @param verifyToken the handshake token, or null to refuse every handshake
     * @param appSecret   the key callbacks are signed with, or null to accept unsigned callbacks
     */
    public MetaWebhook(Json json, ReceiveMessageUseCase receive, ChangeConsentUseCase changeConsent,
                       RecordDeliveryStatusUseCase deliveries, String verifyToken, String appSecret, Clock clock) {
        this(json, receive, changeConsent, deliveries, verifyToken, appSecret, clock, SkippedEvents.NONE);
    }

    public MetaWebhook(Json json, ReceiveMessageUseCase receive, ChangeConsentUseCase changeConsent,
                       RecordDeliveryStatusUseCase deliveries, String verifyToken, String appSecret, Clock clock,
                       SkippedEvents skippedEvents) {
        this.skippedEvents = skippedEvents;
        this.json = json;
        this.dispatcher = new EventDispatcher(receive, changeConsent, deliveries);
        this.verifyToken = verifyToken;
        this.signature = appSecret == null ? null : new MetaSignature(appSecret);
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::verify);
        // HEAD must answer as GET does: without a route of its own, Javalin answers a HEAD 200 without the check
        routes.head(PATH, this::verify);
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
        byte[] raw = BoundedBody.read(ctx);
        // The signature covers the bytes as sent: check it before parsing anything.
        if (signature != null && !signature.verifies(raw, ctx.header(MetaSignature.HEADER))) {
            throw ProblemException.unauthorized("missing or wrong " + MetaSignature.HEADER);
        }
        Parsed parsed = parse(CallbackFields.root(json.readTree(raw)));
        for (Skipped s : parsed.skipped()) {
            // the field path only: the item, and our reason quoting it, may carry a phone number or a text
            log.warn("meta callback item {} skipped: it could not be read", s.field());
            skippedEvents.skipped(PROVIDER);
        }
        WebhookReply reply = dispatcher.dispatch(parsed.events());
        json.reply(ctx, parsed.skipped().isEmpty() ? reply : reply.withSkipped(parsed.skipped()));
    }

    /** The events of a callback, in order, and the items that could not be read. */
    record Parsed(List<WebhookEvent> events, List<Skipped> skipped) {
    }

    /**
     * Reads one callback completely before anything is handled. A body that is not an object, or an {@code entry}
     * that is not an array, is a 400 naming it; a malformed entry, change or item is skipped and reported.
     */
    Parsed parse(CallbackFields body) {
        List<WebhookEvent> events = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<CallbackFields> entries = body.elements("entry"); // not an array: 400, there is nothing to apply
        for (CallbackFields entry : objectsOnly(entries, skipped)) {
            for (CallbackFields change : each(entry, "changes", skipped)) {
                String field = readOrSkip(() -> change.text("field").orElse(""), skipped);
                if (field == null) continue;
                if (!field.equals("messages") && !field.equals("user_preferences")) {
                    log.info("meta change of field '{}' ignored", field);
                    continue;
                }
                CallbackFields value = readOrSkip(() -> change.objectOrEmpty("value"), skipped);
                if (value != null) value(value, events, skipped);
            }
        }
        return new Parsed(events, skipped);
    }

    /** Each item on its own: a malformed one is skipped, the others kept. */
    private void value(CallbackFields value, List<WebhookEvent> events, List<Skipped> skipped) {
        Map<String, String> names = new HashMap<>();
        for (CallbackFields c : each(value, "contacts", skipped)) {
            Optional<String> waId = readOrSkip(() -> c.text("wa_id"), skipped);
            Optional<String> name = readOrSkip(() -> c.objectOrEmpty("profile").text("name", CallbackFields.MAX_NAME), skipped);
            if (waId != null && name != null && waId.isPresent() && name.isPresent()) names.put(waId.get(), name.get());
        }
        for (CallbackFields m : each(value, "messages", skipped)) add(readOrSkip(() -> message(m, names), skipped), events);
        for (CallbackFields s : each(value, "statuses", skipped)) add(readOrSkip(() -> status(s), skipped), events);
        for (CallbackFields p : each(value, "user_preferences", skipped)) {
            add(readOrSkip(() -> preference(p), skipped), events);
        }
    }

    private static void add(Optional<WebhookEvent> event, List<WebhookEvent> events) {
        if (event != null) event.ifPresent(events::add);
    }

    /** The objects of an array field; an element that is not an object is skipped, as is a field that is no array. */
    private static List<CallbackFields> each(CallbackFields parent, String name, List<Skipped> skipped) {
        List<CallbackFields> all = readOrSkip(() -> parent.elements(name), skipped);
        return all == null ? List.of() : objectsOnly(all, skipped);
    }

    private static List<CallbackFields> objectsOnly(List<CallbackFields> all, List<Skipped> skipped) {
        List<CallbackFields> out = new ArrayList<>(all.size());
        for (CallbackFields item : all) {
            if (item.node().isObject()) out.add(item);
            else skipped.add(new Skipped(item.path(), item.path() + " must be an object"));
        }
        return out;
    }

    /** The value read, or null when it is malformed (then recorded in {@code skipped}). */
    private static <T> T readOrSkip(java.util.function.Supplier<T> read, List<Skipped> skipped) {
        try {
            return read.get();
        } catch (ProblemException e) {
            skipped.add(new Skipped(e.problem().field(), e.problem().detail()));
            return null;
        }
    }

    private Optional<WebhookEvent> message(CallbackFields m, Map<String, String> names) {
        String kind = m.requiredText("type");
        MessageType type;
        String text;
        Media media = null;
        switch (kind) {
            case "text":
                type = MessageType.TEXT;
                text = m.objectOrEmpty("text").text("body").orElse("");
                break;
            case "interactive": {
                CallbackFields interactive = m.objectOrEmpty("interactive");
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
                // Meta names the file by its media id (fetched through the Graph API); a URL when it gives one
                CallbackFields file = m.objectOrEmpty(kind);
                MessageType mediaType = type;
                String captioned = text;
                media = file.mediaUrl("url").or(() -> file.mediaUrl("id"))
                        .map(url -> new Media(mediaType, url, captioned)).orElse(null);
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
        String id = m.requiredText("id", CallbackFields.MAX_PROVIDER_ID);
        String from = m.requiredText("from");
        Phone phone = Required.phone(m.path("from"), from);
        Instant at = seconds(m, "timestamp");
        return Optional.of(new WebhookEvent.Inbound(new InboundMessage(PROVIDER, id, phone, names.get(from), type,
                text, at, media)));
    }

    private Optional<WebhookEvent> status(CallbackFields s) {
        String kind = s.requiredText("status");
        Optional<MessageStatus> reported = ReportedStatus.of(kind, STATUSES);
        if (reported.isEmpty()) {
            log.info("meta status '{}' ignored", kind);
            return Optional.empty();
        }
        MessageStatus status = reported.get();
        String id = s.requiredText("id", CallbackFields.MAX_PROVIDER_ID);
        Phone recipient = s.phone("recipient_id").orElse(null);
        Instant at = seconds(s, "timestamp");
        List<CallbackFields> errors = s.objects("errors");
        if (status != MessageStatus.FAILED) {
            return Optional.of(new WebhookEvent.Delivery(DeliveryStatus.of(PROVIDER, id, null, recipient, status, at)));
        }
        String code = null;
        String reason = null;
        if (!errors.isEmpty()) {
            CallbackFields first = errors.get(0);
            code = first.scalar("code").orElse(null);
            reason = first.text("title").or(() -> first.text("message")).orElse(null);
        }
        return Optional.of(new WebhookEvent.Delivery(new DeliveryStatus(PROVIDER, id, null, recipient, status, at,
                MetaErrors.failure(code), FailureDetail.of(code, reason))));
    }

    private static final String STOP_EVIDENCE = "meta:user_preferences:stop";
    /** The user preferences Meta sends: the contact stopped or resumed marketing messages from us. */
    private static final Map<String, ConsentState> PREFERENCES = Map.of("stop", ConsentState.OPTED_OUT,
            "resume", ConsentState.OPTED_IN);
    /** The only category Meta's user preferences have; absent is read as it. */
    private static final String MARKETING_MESSAGES = "marketing_messages";

    /**
     * A stop or resume of marketing messages changes the contact's marketing switch (topic marketing), not its
     * consent: utility and authentication templates still go to an opted-in contact who stopped marketing.
     */
    private Optional<WebhookEvent> preference(CallbackFields p) {
        String value = p.requiredText("value");
        ConsentState to = PREFERENCES.get(value);
        String category = p.text("category").orElse(MARKETING_MESSAGES);
        if (to == null || !category.equals(MARKETING_MESSAGES)) {
            log.info("meta user preference '{}' of category '{}' ignored", value, category);
            return Optional.empty();
        }
        Phone phone = Required.phone(p.path("wa_id"), p.requiredText("wa_id"));
        Instant at = p.epochSeconds("timestamp").orElse(null);
        // A resume also lifts a consent opt-out Meta's own stop recorded before stops had a topic of their own,
        // never one the contact gave in a flow or to staff.
        String liftsOnly = to == ConsentState.OPTED_IN ? STOP_EVIDENCE : null;
        return Optional.of(new WebhookEvent.Consent(new ChangeConsentCommand(phone, to, ConsentMethod.BSP,
                "meta:user_preferences:" + value, at, true, liftsOnly, ConsentTopic.MARKETING)));
    }

    /** Meta sends Unix seconds, as a string; absent means now. */
    private Instant seconds(CallbackFields o, String name) {
        return o.epochSeconds(name).orElseGet(clock::instant);
    }
}
