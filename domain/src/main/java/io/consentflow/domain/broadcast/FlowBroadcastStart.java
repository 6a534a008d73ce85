package io.consentflow.domain.broadcast;

import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.engine.Trigger;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;

import java.time.Instant;
import java.util.Optional;

/**
 * A flow broadcast's start for one recipient, decided under the recipient's lock with its consent as it stands then.
 * A blocked, invalid or opted-out recipient gets nothing (the flow is not even started: a flow that begins by
 * waiting or setting fields would otherwise run for someone who said no). Otherwise the flow starts as a keyword
 * would start it (the recipient's unfinished runs end interrupted), and its messages pass the send policy; if its
 * first message is refused (a free-form text outside the 24-hour window: such a run must begin with a template,
 * {@code session_window_closed}), the recipient is refused with that reason and nothing of the run is kept.
 */
public final class FlowBroadcastStart {
    private FlowBroadcastStart() {
    }

    /** How it went for the recipient. */
    public sealed interface Outcome {
    }

    /** The run started; the sprint is saved with the recipient's conversation (its messages go through the outbox). */
    public record Started(Sprint sprint) implements Outcome {
    }

    /** Nothing started, for {@code reason} (a send refusal's code, or {@code flow_missing}/{@code flow_inactive}). */
    public record Refused(String reason) implements Outcome {
    }

    public static final String FLOW_MISSING = "flow_missing";
    public static final String FLOW_INACTIVE = "flow_inactive";

    public static Outcome start(FlowEngine engine, Session session, Optional<Flow> flow, Instant now) {
        var contact = session.contact();
        if (contact.blocked()) return refused(RefusalReason.CONTACT_BLOCKED);
        if (contact.consent().optedOut()) return refused(RefusalReason.CONTACT_OPTED_OUT);
        if (contact.status() == ContactStatus.INVALID) return refused(RefusalReason.CONTACT_INVALID);
        if (flow.isEmpty()) return new Refused(FLOW_MISSING);
        if (!flow.get().active()) return new Refused(FLOW_INACTIVE);
        Sprint sprint = engine.start(flow.get(), session, Trigger.none(), now);
        Optional<OutboundMessage> first = sprint.messages().stream().findFirst();
        if (first.isPresent() && first.get().refused()) return refused(first.get().refusal());
        return new Started(sprint);
    }

    private static Refused refused(RefusalReason reason) {
        return new Refused(reason.code());
    }
}
