package io.consentflow.application.service;

import io.consentflow.application.port.in.ViewDashboardUseCase.Dashboard;
import io.consentflow.application.port.in.ViewDashboardUseCase.Refused;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.RefusalReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardServiceTest {
    static final Instant NOW = Instant.parse("2026-11-30T23:59:59Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    /** Counts as the store keeps them; remembers which days were asked for. */
    static final class Figures implements DashboardFigures {
        final List<LocalDate> asked = new ArrayList<>();

        @Override
        public List<ContactCount> contacts() {
            return List.of(new ContactCount(ConsentState.OPTED_IN, ContactStatus.VALID, 5),
                    new ContactCount(ConsentState.OPTED_OUT, ContactStatus.INVALID, 2),
                    new ContactCount(ConsentState.OPTED_OUT, ContactStatus.BLOCKED, 1));
        }

        @Override
        public void fold() {
        }

        @Override
        public List<DayCount> days(LocalDate first, LocalDate last) {
            asked.add(first);
            asked.add(last);
            return List.of(new ConsentChanges(TODAY.minusDays(29), ConsentState.OPTED_IN, ConsentMethod.FLOW, 3),
                    new ConsentChanges(TODAY, ConsentState.OPTED_IN, ConsentMethod.API, 1),
                    new ConsentChanges(TODAY, ConsentState.OPTED_IN, ConsentMethod.FLOW, 2),
                    new ConsentChanges(TODAY, ConsentState.OPTED_OUT, ConsentMethod.BSP, 4),
                    new Refusals(TODAY.minusDays(1), RefusalReason.CONTACT_OPTED_OUT, 2),
                    new Refusals(TODAY, RefusalReason.CONTACT_OPTED_OUT, 1),
                    new Refusals(TODAY, RefusalReason.SESSION_WINDOW_CLOSED, 7),
                    new Refusals(TODAY, null, 1));
        }
    }

    @Test
    void thirtyDaysEndingTodayEveryStatusAndRefusalsMostFirst() {
        Figures figures = new Figures();
        Outbox outbox = new OutboxDispatcherTest.RecordingOutbox() {
            @Override
            public long depth() {
                return 12;
            }
        };
        Dashboard d = new DashboardService(figures, outbox, Clock.fixed(NOW, ZoneOffset.UTC)).dashboard();
        assertEquals(List.of(TODAY.minusDays(29), TODAY), figures.asked);
        assertEquals(30, d.days().size());
        assertEquals(TODAY.minusDays(29), d.days().get(0).day());
        assertEquals(3, d.days().get(0).totalOptins());
        assertEquals(3, d.days().get(29).totalOptins());
        assertEquals(2L, d.days().get(29).optins().get(ConsentMethod.FLOW));
        assertEquals(4, d.days().get(29).totalOptouts());
        assertEquals(0, d.days().get(15).totalOptins());
        assertEquals(0L, d.byConsent().get(ConsentState.UNKNOWN));
        assertEquals(3L, d.byConsent().get(ConsentState.OPTED_OUT));
        assertEquals(1L, d.byStatus().get(ContactStatus.BLOCKED));
        assertEquals(8, d.contacts());
        assertEquals(List.of(new Refused("session_window_closed", 7), new Refused("contact_opted_out", 3),
                new Refused("unknown", 1)), d.refused());
        assertEquals(12, d.outboxDepth());
    }
}
