package io.consentflow.application.service;

import io.consentflow.application.port.in.FoldCountsUseCase;
import io.consentflow.application.port.in.ViewDashboardUseCase;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard from the kept counts and the outbox's depth: a few hundred rows whatever the database's size. */
public final class DashboardService implements ViewDashboardUseCase, FoldCountsUseCase {
    private final DashboardFigures figures;
    private final Outbox outbox;
    private final Clock clock;

    public DashboardService(DashboardFigures figures, Outbox outbox, Clock clock) {
        this.figures = figures;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void foldCounts() {
        figures.fold();
    }

    @Override
    public Dashboard dashboard() {
        Map<ConsentState, Long> byConsent = new EnumMap<>(ConsentState.class);
        Map<ContactStatus, Long> byStatus = new EnumMap<>(ContactStatus.class);
        for (ConsentState s : ConsentState.values()) byConsent.put(s, 0L);
        for (ContactStatus s : ContactStatus.values()) byStatus.put(s, 0L);
        for (DashboardFigures.ContactCount c : figures.contacts()) {
            byConsent.merge(c.consent(), c.n(), Long::sum);
            byStatus.merge(c.status(), c.n(), Long::sum);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(Dashboard.DAYS - 1L);
        Map<LocalDate, Map<ConsentMethod, Long>> optins = new TreeMap<>();
        Map<LocalDate, Map<ConsentMethod, Long>> optouts = new TreeMap<>();
        Map<String, Long> refused = new LinkedHashMap<>();
        for (DashboardFigures.DayCount count : figures.days(first, today)) {
            if (count instanceof DashboardFigures.ConsentChanges c) {
                var perDay = c.to() == ConsentState.OPTED_IN ? optins : optouts;
                perDay.computeIfAbsent(c.day(), d -> new EnumMap<>(ConsentMethod.class))
                        .merge(c.method(), c.n(), Long::sum);
            } else if (count instanceof DashboardFigures.Refusals r) {
                refused.merge(r.reason() == null ? "unknown" : r.reason().code(), r.n(), Long::sum);
            }
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(new Day(d, optins.getOrDefault(d, Map.of()), optouts.getOrDefault(d, Map.of())));
        }
        List<Refused> refusals = refused.entrySet().stream()
                .map(e -> new Refused(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Refused::n).reversed().thenComparing(Refused::reason))
                .toList();
        return new Dashboard(byConsent, byStatus, days, refusals, outbox.depth());
    }
}
