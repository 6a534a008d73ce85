package io.consentflow.domain.message;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message we send: queued by a flow or the API (or refused by the send policy), then handed to a provider.
 *
 * @param content    what is sent (text, buttons, list, template); null only for rows stored without it
 * @param flowUuid   the flow that produced it, if any
 * @param runId      the run that produced it; null for API sends
 * @param optinAsk   produced by the opt-in flow, which may message an opted-out contact (the opt-in exception):
 *                   when it leaves, the exception is checked again against its run and the contact's consent
 * @param provider   the provider that accepted it, with {@code providerId} the id its status events name
 * @param refusal    why the send policy refused it (status {@code refused}); null otherwise
 * @param failure    the provider's words for why it failed (status {@code failed}); null otherwise
 */
public record OutboundMessage(UUID id, Phone phone, MessageType type, String text, OutboundContent content,
                              MessageStatus status, String flowUuid, UUID runId, boolean optinAsk, Instant at,
                              String provider, String providerId, RefusalReason refusal, String failure)
        implements Message {
    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (refusal != null && status != MessageStatus.REFUSED) {
            throw new IllegalArgumentException("a refusal reason comes with status refused only: " + status);
        }
    }

    /** A new message: queued, or refused with {@code refusal} when it is not null. */
    public static OutboundMessage queued(UUID id, Phone phone, MessageType type, String text, OutboundContent content,
                                         String flowUuid, UUID runId, boolean optinAsk, Instant at,
                                         RefusalReason refusal) {
        return new OutboundMessage(id, phone, type, text, content,
                refusal == null ? MessageStatus.QUEUED : MessageStatus.REFUSED, flowUuid, runId, optinAsk, at, null,
                null, refusal, null);
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    public boolean refused() {
        return refusal != null;
    }

    /** The same message in {@code next} status, with the provider's {@code failure} words (null for none). */
    public OutboundMessage movedTo(MessageStatus next, String failure) {
        return new OutboundMessage(id, phone, type, text, content, next, flowUuid, runId, optinAsk, at, provider,
                providerId, next == MessageStatus.REFUSED ? refusal : null, failure);
    }
}
