package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.RefusalReason;

import java.time.LocalDate;
import java.util.List;

/**
 * The counts the dashboard shows, kept up to date with every change (never a scan of contacts or messages when
 * read): contacts by consent and status now, and per day (UTC) the consent changes by method and the sends the
 * send policy refused by reason.
 */
public interface DashboardFigures {
    List<ContactCount> contacts();

    /** The days from {@code first} to {@code last}, both included; days without any count are left out. */
    List<DayCount> days(LocalDate first, LocalDate last);

    /**
     * Moves the changes recorded since the last fold into the kept counts (housekeeping: the figures read the same
     * before and after). Changes are recorded cheaply as they happen and folded in the background, so the
     * transactions that change contacts never wait on a shared counter.
     */
    void fold();

    record ContactCount(ConsentState consent, ContactStatus status, long n) {
    }

    /** One day's count of one thing. */
    sealed interface DayCount {
        LocalDate day();

        long n();
    }

    /** Contacts whose consent changed to {@code to} (opted in or out) that day, by {@code method}. */
    record ConsentChanges(LocalDate day, ConsentState to, ConsentMethod method, long n) implements DayCount {
    }

    /** Outbound messages refused that day, by reason; {@code reason} null for a reason this version does not know. */
    record Refusals(LocalDate day, RefusalReason reason, long n) implements DayCount {
    }
}
