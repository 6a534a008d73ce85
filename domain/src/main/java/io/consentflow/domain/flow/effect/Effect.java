package io.consentflow.domain.flow.effect;

/**
 * What a sprint asks for beyond the contact's own conversation, saved in the same transaction as the sprint: a
 * ticket for staff, or work for other contacts (a broadcast, flows to start), which is applied later, each
 * recipient in a transaction of its own under that recipient's lock, never under the sender's.
 */
public sealed interface Effect permits Ticket, Outreach {
}
