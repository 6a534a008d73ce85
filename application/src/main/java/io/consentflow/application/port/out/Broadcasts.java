package io.consentflow.application.port.out;

import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Broadcasts and their recipients. Recipients are fixed once, set-based, when a broadcast starts; each is then
 * claimed (with its contact's row locked, as the outbox claims) in a short transaction that commits the recipient's
 * state before any provider call, so no instance sends a recipient twice and a crash never leads to a second
 * message. Counts are kept as outcomes are written, so reading them never scans the recipients.
 */
public interface Broadcasts {
    void create(Broadcast broadcast);

    /** Up to {@code limit} broadcasts in id order, after {@code after} when given. */
    List<Broadcast> page(UUID after, int limit);

    Optional<Broadcast> find(UUID id);

    /** The counts of each broadcast by bucket (see {@code BroadcastTally.of}); a broadcast without any is absent. */
    Map<UUID, Map<String, Long>> buckets(Collection<UUID> ids);

    boolean groupExists(long id);

    /** Those of {@code phones} that have no contact. */
    List<Phone> withoutContact(Collection<Phone> phones);

    /**
     * Marks it cancelled unless it is done or cancelled already, after any claim of it in progress has committed
     * (a claim holds the broadcast's row shared until it commits; the cancel's update waits for that). Answers the
     * broadcast as it is then.
     */
    Optional<Broadcast> cancel(UUID id, Instant at);

    /**
     * Whether a recipient of it is claimed under a lease that has not run out: a call or flow start may be in
     * flight, or about to start.
     */
    boolean inFlight(UUID id, Instant now);

    /** Scheduled broadcasts whose start time has come, oldest first. */
    List<UUID> due(Instant now, int limit);

    /**
     * Fixes the broadcast's recipients (a group's members now, or its phones), in one statement and one
     * transaction, and makes it running; empty when it is not scheduled any more (another instance started it, or it
     * was cancelled).
     */
    Optional<Broadcast> start(UUID id, Instant now);

    /** Running broadcasts, oldest first. */
    List<Broadcast> running(int limit);

    Optional<BroadcastStatus> status(UUID id);

    /**
     * Claims up to {@code limit} waiting recipients of a running broadcast, in phone order after {@code after}, in
     * one transaction: the broadcast's row is held shared (a cancel waits for this claim, and a claim after a cancel
     * finds nothing), the recipients locked SKIP LOCKED, each one's contact read as it is now with its row locked
     * {@code FOR KEY SHARE SKIP LOCKED} (a contact whose consent is being changed right now is left for a later
     * claim). {@code decide} judges each; its decisions are written and committed before this returns, so every
     * leased recipient's state is on disk before its provider call.
     */
    Claim claim(UUID broadcastId, String after, int limit, Instant now, Instant leaseUntil, Decide decide);

    /** What to do with one claimed recipient. */
    @FunctionalInterface
    interface Decide {
        /** @param contact the recipient as it is now; null when there is no such contact */
        Decision decide(Phone phone, Contact contact);
    }

    /** A claimed recipient's fate. */
    sealed interface Decision {
    }

    /** Lease it: this message goes to the provider after the commit. */
    record Send(OutboundMessage message) implements Decision {
    }

    /** Lease it for a flow start under its lock ({@code token} names this claim of it). */
    record StartFlow(UUID token) implements Decision {
    }

    /** The send policy refuses it now: stored {@code refused} with the reason, counted, never sent. */
    record Refuse(OutboundMessage message, String reason) implements Decision {
    }

    /** It cannot be sent at all (the template left the registry): failed with the reason. */
    record Fail(String reason) implements Decision {
    }

    /**
     * What a claim did: the recipients leased (with their decisions), how many rows it looked at (a page shorter than
     * asked means nothing waits after it), and the last phone it looked at (where the next claim goes on).
     */
    record Claim(List<Leased> leased, int looked, String last, boolean broadcastLive) {
        public Claim {
            leased = List.copyOf(leased);
        }
    }

    record Leased(Phone phone, Decision decision) {
    }

    /** What became of a leased recipient's provider call. */
    sealed interface Outcome {
        Phone phone();

        OutboundMessage message();
    }

    /** Accepted: the message stored {@code enqueued} with the provider's id (status callbacks find it). */
    record Accepted(Phone phone, OutboundMessage message, String provider, String providerId) implements Outcome {
    }

    /** The provider refused it, or the call failed in a way that may have reached it: failed, never again. */
    record Failed(Phone phone, OutboundMessage message, String reason) implements Outcome {
    }

    /** Not sent (rate limited, too late in its batch, the broadcast cancelled meanwhile): back to waiting. */
    record Requeued(Phone phone, OutboundMessage message) implements Outcome {
    }

    /**
     * In one transaction: the outcomes of calls that ended, each written only while its recipient is still claimed
     * for that message (one already recorded {@code outcome_unknown} keeps that); and the calls about to start,
     * marked {@code sending} before they start, so that only calls that may have started can end with an unknown
     * outcome after a crash. Answers the ids of the messages marked: only those may be handed to the provider
     * (a claim whose lease ran out may have been taken by another).
     */
    Set<UUID> record(UUID broadcastId, List<Outcome> outcomes, List<OutboundMessage> starting);

    /** Claimed recipients whose flow start (or call) will not be made now (a cancel): back to waiting at once. */
    void giveBack(UUID broadcastId, List<Leased> leased);

    /**
     * A flow broadcast's recipient done, in the caller's transaction (its conversation's): false when it is no
     * longer leased under {@code token} (the lease ran out and another claim took it), so nothing is saved twice.
     *
     * @param reason null when the flow started; else why it was refused
     */
    boolean takeFlowRecipient(UUID broadcastId, Phone phone, UUID token, String reason);

    /**
     * Leases that ran out: a template recipient whose call had started when its instance died ends failed
     * {@code outcome_unknown} (never sent again); one whose call had not started, and a flow recipient (its start
     * had not committed), goes back to waiting. Returns how many.
     */
    int expire(Instant now);

    /** Marks a running broadcast done when no recipient waits or is in flight; whether it did. */
    boolean finish(UUID id, Instant now);
}
