package io.consentflow.domain.flow.effect;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Work a flow asked for on other contacts ({@code send_broadcast}, {@code start_session}): queued with the sender's
 * sprint, applied later to each recipient in a transaction of its own under that recipient's lock, each message
 * through the send policy as that recipient's consent stands then.
 *
 * @param sender the contact whose flow asked for it
 */
public record Outreach(UUID id, Work work, Recipients recipients, Phone sender, String flowUuid, UUID runId,
                       Instant at) implements Effect {
    public Outreach {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(at, "at");
    }

    /** What each recipient gets. */
    public sealed interface Work permits Broadcast, StartFlow {
    }

    /** The same messages for everyone, rendered in the sender's run when the action ran (as goflow does). */
    public record Broadcast(List<Part> messages) implements Work {
        public Broadcast {
            messages = List.copyOf(messages);
        }
    }

    /** One message of a broadcast: a text with its quick replies, a medium, or a template. */
    public record Part(MessageType type, String text, OutboundContent content) {
        public Part {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The flow starts for each recipient as if a keyword had started it (their unfinished runs end interrupted),
     * unless {@code skipContactsInAFlow} and the recipient has an unfinished run (Glific's {@code exclusions.in_a_flow}).
     */
    public record StartFlow(String flowUuid, String flowName, boolean skipContactsInAFlow) implements Work {
        public StartFlow {
            Objects.requireNonNull(flowUuid, "flowUuid");
        }
    }
}
