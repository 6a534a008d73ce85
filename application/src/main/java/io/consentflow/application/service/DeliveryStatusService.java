package io.consentflow.application.service;

import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.StatusChange;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Provider status events. A status only moves forwards (a late "delivered" never overwrites "read"); a failure
 * because the number is not on WhatsApp marks the contact invalid with consent method number_invalid, saved with
 * the message's status in one transaction; a failure because the contact stopped marketing messages records the
 * marketing switch stopped (topic {@code marketing}), consent left as it is. A failure because we sent too fast
 * (Meta reports its 130429 and 131056 in a failed status too, after accepting the message) slows the number's pace
 * down, as the same answer to the call would have; once per message, as its status changes to failed.
 */
public final class DeliveryStatusService implements RecordDeliveryStatusUseCase {
    private final Messages messages;
    private final Conversations conversations;
    private final Clock clock;
    private final Telemetry telemetry;
    private final SendPace pace;

    public DeliveryStatusService(Messages messages, Conversations conversations, Clock clock, Telemetry telemetry) {
        this(messages, conversations, clock, telemetry, SendPace.UNLIMITED);
    }

    public DeliveryStatusService(Messages messages, Conversations conversations, Clock clock, Telemetry telemetry,
                                 SendPace pace) {
        this.pace = pace;
        this.messages = messages;
        this.conversations = conversations;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public boolean record(DeliveryStatus event) {
        Optional<OutboundMessage> found = messages.findByProviderId(event.provider(), event.providerId(),
                event.altProviderId());
        Optional<StatusChange> status = found.filter(m -> m.status().canMoveTo(event.status()))
                .map(m -> new StatusChange(m.id(), event.status(),
                        event.status() == MessageStatus.FAILED ? event.failureDetail() : m.failure()));
        Phone phone = found.map(OutboundMessage::phone).orElse(event.phone());
        boolean tellsOfContact = event.failure() == DeliveryFailure.NUMBER_NOT_ON_WHATSAPP
                || event.failure() == DeliveryFailure.MARKETING_STOPPED;
        if (tellsOfContact && phone != null) {
            Optional<List<ConsentChange>> invalidated = conversations.existing(phone, conversation -> {
                Contact c = conversation.contact();
                // timed after the lock, like every consent change: a provider's clock ahead of ours must not
                // date the opt-out after a later change, nor one behind it before the change that held the lock
                Instant now = clock.instant();
                Instant at = event.at() == null || event.at().isAfter(now) ? now : event.at();
                String evidence = event.provider() + ":" + event.providerId();
                boolean changed = event.failure() == DeliveryFailure.NUMBER_NOT_ON_WHATSAPP
                        ? c.markNumberInvalid(evidence, at)
                        : c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_OUT, ConsentMethod.BSP,
                                evidence, null, at));
                Changes changes = changed ? Changes.of(c) : Changes.none();
                if (status.isPresent()) changes = changes.withStatus(status.get());
                return new Conversations.Turn<>(changes, changes.consentChanges());
            });
            if (invalidated.isPresent()) {
                invalidated.get().forEach(telemetry::consentChanged);
                return status.isPresent();
            }
        }
        status.ifPresent(s -> conversations.save(Changes.none().withStatus(s)));
        // the provider's timestamp may be minutes old (its retries): the slow down starts now, on our clock
        if (status.isPresent() && event.failure() == DeliveryFailure.RATE_LIMITED) pace.slowDown(clock.instant());
        return status.isPresent();
    }
}
