package io.consentflow.adapter.http.provider;

import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase.Receipt;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Hands the events a provider's webhook parsed to the use cases, in the order the provider sent them. Every
 * provider's webhook ends here, so the use cases see the same provider-neutral events whoever sent them.
 */
public final class EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final ReceiveMessageUseCase receive;
    private final ChangeConsentUseCase changeConsent;
    private final RecordDeliveryStatusUseCase deliveries;

    public EventDispatcher(ReceiveMessageUseCase receive, ChangeConsentUseCase changeConsent,
                    RecordDeliveryStatusUseCase deliveries) {
        this.receive = receive;
        this.changeConsent = changeConsent;
        this.deliveries = deliveries;
    }

    /** @return what to answer the provider: "ignored", "duplicate" (every message seen before) or "accepted" */
    public WebhookReply dispatch(List<WebhookEvent> events) {
        if (events.isEmpty()) return new WebhookReply("ignored");
        int duplicates = 0;
        for (WebhookEvent event : events) {
            if (event instanceof WebhookEvent.Inbound in) {
                Receipt r = receive.receive(in.message());
                if (r.duplicate()) duplicates++;
                // DEBUG: at campaign rates a line per message costs a write per message; metrics count them
                log.debug("{} message {} from {} ({}): {}", in.message().provider(), in.message().providerId(),
                        in.message().phone().masked(), in.message().type().wire(),
                        r.duplicate() ? "duplicate" : r.decision());
            } else if (event instanceof WebhookEvent.Consent c) {
                boolean known = changeConsent.change(c.command()).isPresent();
                log.info("consent {} for {} ({}){}", c.command().to().wire(), c.command().phone().masked(),
                        c.command().evidence(), known ? "" : ": no such contact");
            } else if (event instanceof WebhookEvent.Delivery d) {
                boolean changed = deliveries.record(d.status());
                log.debug("{} status {} for message {}: {}", d.status().provider(), d.status().status().wire(),
                        d.status().providerId(), changed ? "recorded" : "no change");
            }
        }
        return new WebhookReply(duplicates == events.size() ? "duplicate" : "accepted");
    }
}
