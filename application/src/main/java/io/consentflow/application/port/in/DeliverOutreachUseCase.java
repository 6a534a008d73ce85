package io.consentflow.application.port.in;

/**
 * Applies the work flows queued for other contacts ({@code send_broadcast}, {@code start_session}): each
 * recipient in a transaction of its own, under that recipient's lock. Called by the scheduler, or by a host's own.
 */
public interface DeliverOutreachUseCase {
    /** Lists the recipients of up to {@code limit} queued items, then applies up to {@code limit} recipients. */
    int deliverDue(int limit);
}
