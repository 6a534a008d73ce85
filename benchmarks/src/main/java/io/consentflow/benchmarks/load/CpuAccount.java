package io.consentflow.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU went during the measured window (Linux /proc, same machine only): the service process
 * ({@code --service-pid}), the PostgreSQL backends serving the service's database, this generator, and the whole
 * machine. On two cores every component competes for the same CPU, so "CPU ms per message" is the figure that
 * says what a change saved.
 */
final class CpuAccount {
    private static final double TICK = 100.0; // USER_HZ on Linux

    private final Options o;
    private volatile Snapshot start;
    private volatile Snapshot stop;

    record Snapshot(long nanos, double service, Map<Integer, Double> backends, Map<Integer, Double> auxiliary,
                    double self, double machineBusy, double machineIdle) {
    }

    CpuAccount(Options o) {
        this.o = o;
    }

    void start() {
        start = take();
    }

    void stop() {
        stop = take();
    }

    /** One line for the report, or null when /proc is not there. */
    String report(long messages) {
        Snapshot end = stop;
        if (start == null || end == null) return null;
        double pg = delta(start.backends(), end.backends());
        double aux = delta(start.auxiliary(), end.auxiliary());
        double service = end.service() - start.service();
        double self = end.self() - start.self();
        double busy = end.machineBusy() - start.machineBusy();
        double idle = end.machineIdle() - start.machineIdle();
        double other = Math.max(0, busy - service - pg - aux - self);
        double n = Math.max(1, messages);
        return String.format("cpu in the window (ms per message answered): service %.2f, postgres backends %.2f, "
                        + "postgres background (wal writer, checkpointer...) %.2f, generator %.2f, everything else "
                        + "%.2f; machine %.0f%% busy (%.1f of %.1f cpu-s)",
                1000 * service / n, 1000 * pg / n, 1000 * aux / n, 1000 * self / n, 1000 * other / n,
                100 * busy / Math.max(1e-9, busy + idle), busy, busy + idle);
    }

    private static double delta(Map<Integer, Double> before, Map<Integer, Double> after) {
        double sum = 0;
        for (Map.Entry<Integer, Double> e : after.entrySet()) sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
        return sum;
    }

    private Snapshot take() {
        try {
            double service = o.servicePid == null ? 0 : processCpu(o.servicePid);
            Map<Integer, Double> backends = new HashMap<>();
            Map<Integer, Double> auxiliary = new HashMap<>();
            if (o.jdbc != null) {
                cpuOf(pids("datname = current_database() AND pid <> pg_backend_pid()"), backends);
                cpuOf(pids("datname IS NULL"), auxiliary);
            }
            double self = processCpu((int) ProcessHandle.current().pid());
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double user = Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2]) + Double.parseDouble(cpu[3])
                    + Double.parseDouble(cpu[6]) + Double.parseDouble(cpu[7]);
            double idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
            return new Snapshot(System.nanoTime(), service, backends, auxiliary, self, user / TICK, idle / TICK);
        } catch (IOException | SQLException | RuntimeException e) {
            return null;
        }
    }

    /** Backends of the service's database, or PostgreSQL's own processes (no database). */
    private List<Integer> pids(String where) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = DbCheck.connect(o); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE " + where)) {
            while (rs.next()) pids.add(rs.getInt(1));
        }
        return pids;
    }

    private static void cpuOf(List<Integer> pids, Map<Integer, Double> into) {
        for (int pid : pids) {
            try {
                into.put(pid, processCpu(pid));
            } catch (IOException gone) {
                // ended meanwhile
            }
        }
    }

    /** utime + stime of a process, all its threads, in seconds. */
    static double processCpu(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Double.parseDouble(f[11]) + Double.parseDouble(f[12])) / TICK;
    }
}
