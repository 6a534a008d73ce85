package io.consentflow.adapter.http.console;

import io.consentflow.application.port.in.ViewDashboardUseCase.Dashboard;
import io.consentflow.application.port.in.ViewDashboardUseCase.Day;
import io.consentflow.domain.consent.ConsentMethod;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard as the page shows it: the figures, and the opt-ins (up) and opt-outs (down) of each of the last 30
 * days as an SVG bar chart drawn here, with the same numbers in a table by method for those who do not see it.
 *
 * @param broadcasts  whether the console has broadcasts to show
 * @param running     the broadcasts running now (the longest running first), a few at most
 * @param moreRunning whether more are running than {@code running} names
 */
public record DashboardPage(long contacts, List<Figure> byConsent, List<Figure> byStatus, Chart chart,
                            List<MethodRow> methods, long optins, long optouts, List<Figure> refused,
                            long outboxDepth, boolean broadcasts, List<BroadcastLine> running,
                            boolean moreRunning) {
    public record Figure(String name, long n) {
    }

    /** Opt-ins and opt-outs over the 30 days recorded with one method. */
    public record MethodRow(String method, long optins, long optouts) {
    }

    /** One day's two bars: its opt-ins above the axis, its opt-outs below; {@code label} on every fifth day. */
    public record Bar(int x, int inY, int inHeight, int outHeight, String label, String title) {
    }

    public record Chart(int width, int height, int axis, int barWidth, List<Bar> bars, long max) {
    }

    static final int WIDTH = 620;
    static final int HALF = 90;
    static final int TOP = 16;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH);

    static DashboardPage of(Dashboard d, boolean broadcasts, List<BroadcastLine> running, boolean moreRunning) {
        List<Figure> consent = d.byConsent().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Figure(e.getKey().wire(), e.getValue())).toList();
        List<Figure> status = d.byStatus().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Figure(e.getKey().wire(), e.getValue())).toList();
        long max = 1;
        for (Day day : d.days()) max = Math.max(max, Math.max(day.totalOptins(), day.totalOptouts()));
        int slot = (WIDTH - 40) / Math.max(1, d.days().size());
        int barWidth = Math.max(4, slot - 4);
        int axis = TOP + HALF;
        List<Bar> bars = new ArrayList<>();
        long optins = 0;
        long optouts = 0;
        for (int i = 0; i < d.days().size(); i++) {
            Day day = d.days().get(i);
            int in = (int) Math.round((double) day.totalOptins() * HALF / max);
            int out = (int) Math.round((double) day.totalOptouts() * HALF / max);
            optins += day.totalOptins();
            optouts += day.totalOptouts();
            bars.add(new Bar(36 + i * slot, axis - in, in, out, i % 5 == 0 || i == d.days().size() - 1
                    ? DAY.format(day.day()) : null, day.day() + ": " + day.totalOptins() + " opt-ins, "
                    + day.totalOptouts() + " opt-outs"));
        }
        List<MethodRow> methods = new ArrayList<>();
        for (ConsentMethod m : ConsentMethod.values()) {
            long in = d.days().stream().mapToLong(day -> day.optins().getOrDefault(m, 0L)).sum();
            long out = d.days().stream().mapToLong(day -> day.optouts().getOrDefault(m, 0L)).sum();
            if (in != 0 || out != 0) methods.add(new MethodRow(m.wire(), in, out));
        }
        return new DashboardPage(d.contacts(), consent, status,
                new Chart(WIDTH + 24, TOP + 2 * HALF + 26, axis, barWidth, bars, max), methods, optins, optouts,
                d.refused().stream().map(r -> new Figure(r.reason(), r.n())).toList(), d.outboxDepth(),
                broadcasts, List.copyOf(running), moreRunning);
    }
}
