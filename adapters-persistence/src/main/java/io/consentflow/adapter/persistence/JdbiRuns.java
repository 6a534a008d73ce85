package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

final class JdbiRuns implements Runs {
    private static final String UNFINISHED_WHERE = " FROM runs WHERE phone = %s AND status IN ('active', 'suspended')"
            + " ORDER BY started_at DESC";
    private static final String UNFINISHED = "SELECT " + RunRow.COLUMNS + UNFINISHED_WHERE.formatted(":phone");
    static final String UNFINISHED_BY_POSITION = "SELECT " + RunRow.COLUMNS + UNFINISHED_WHERE.formatted("?");
    private static final String UPSERT = "INSERT INTO runs (" + RunRow.COLUMNS + ") VALUES (?, ?, ?, CAST(? AS uuid), "
            + "?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            + "status = excluded.status, node_uuid = excluded.node_uuid, results = excluded.results, "
            + "waiting_since = excluded.waiting_since, timeout_at = excluded.timeout_at, "
            + "expires_at = excluded.expires_at, ended_at = excluded.ended_at, end_reason = excluded.end_reason, "
            + "updated_at = excluded.updated_at, optin_recorded_at = excluded.optin_recorded_at";
    /**
     * Locks the CONTACT rows (the lock {@code Contacts.lockOrCreate} takes), skipping those another transaction
     * holds: two scheduler instances get different contacts, and a contact whose inbound message is being handled
     * right now is left for the next round instead of blocking. Earliest due first.
     */
    private static final String DUE = "SELECT c.phone FROM contacts c JOIN ("
            + " SELECT phone, min(LEAST(timeout_at, expires_at)) AS due FROM runs"
            + " WHERE status IN ('active', 'suspended') AND (timeout_at <= :now OR expires_at <= :now)"
            + " GROUP BY phone) d ON d.phone = c.phone"
            + " ORDER BY d.due, c.phone LIMIT :limit FOR UPDATE OF c SKIP LOCKED";

    /**
     * A contact's unfinished runs form one chain (starting a flow interrupts them all), so ending every unfinished
     * run of the contacts concerned ends the chains of the flow's runs, parents and children included. The
     * contacts are locked first (in phone order, the lock each inbound message and timeout takes): a message being
     * applied to one of them finishes first, and its run, saved still waiting, is then ended here too instead of
     * coming back after this update. No index on flow_uuid: an admin's rare change reads the unfinished runs once
     * rather than every inbound message paying for one more index.
     */
    private static final String INTERRUPT_OF_FLOW = "WITH concerned AS (SELECT c.phone FROM contacts c"
            + " WHERE c.phone IN (SELECT phone FROM runs WHERE flow_uuid = :flow AND status IN ('active', 'suspended'))"
            + " ORDER BY c.phone FOR UPDATE OF c)"
            + " UPDATE runs SET status = 'interrupted', end_reason = :reason, ended_at = :now, waiting_since = NULL,"
            + " timeout_at = NULL, expires_at = NULL, updated_at = :now"
            + " WHERE status IN ('active', 'suspended') AND phone IN (SELECT phone FROM concerned)";

    private final Database db;

    JdbiRuns(Database db) {
        this.db = db;
    }

    /** Read ahead with the inbound message when this transaction recorded one ({@link UnitOfWork}). */
    @Override
    public List<Run> unfinished(Phone phone) {
        UnitOfWork unit = db.unitOfWork();
        List<RunRow> ahead = unit == null ? null : unit.unfinishedRuns(phone.digits());
        List<Run> runs = ahead != null
                ? ahead.stream().map(RunRow::toRun).toList()
                : db.withHandle(h -> h.createQuery(UNFINISHED).bind("phone", phone.digits())
                        .map((rs, ctx) -> RunRow.read(rs).toRun()).list());
        return childFirst(runs);
    }

    /**
     * The active run, then its parent, grand-parent... Runs outside that chain (which the engine never leaves)
     * follow, newest first, so nothing unfinished is hidden from the caller.
     */
    static List<Run> childFirst(List<Run> runs) {
        if (runs.size() < 2) return runs;
        Map<UUID, Run> byId = new LinkedHashMap<>();
        Set<UUID> parents = new HashSet<>();
        for (Run r : runs) {
            byId.put(r.id(), r);
            if (r.parentId() != null) parents.add(r.parentId());
        }
        Run run = runs.stream().filter(r -> r.status() == RunStatus.ACTIVE).findFirst()
                .orElseGet(() -> runs.stream().filter(r -> !parents.contains(r.id())).findFirst()
                        .orElse(runs.get(0)));
        List<Run> ordered = new ArrayList<>(runs.size());
        while (run != null && byId.remove(run.id()) != null) {
            ordered.add(run);
            run = run.parentId() == null ? null : byId.get(run.parentId());
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    /**
     * Runs leaving ACTIVE are written before runs becoming ACTIVE: the one-active-run index is checked row by
     * row, so the interrupted run must be out of the way before its successor lands.
     */
    @Override
    public void saveAll(List<Run> runs) {
        if (runs.isEmpty()) return;
        List<Run> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparing(r -> r.status() == RunStatus.ACTIVE));
        List<Sql> upserts = new ArrayList<>(ordered.size());
        for (Run run : ordered) {
            RunRow row = RunRow.of(run);
            upserts.add(new Sql(UPSERT, p -> p.uuid(row.id()).text(row.flowUuid()).text(row.phone())
                    .uuidText(row.parentId()).text(row.status()).text(row.nodeUuid()).text(row.resultsJson())
                    .time(row.waitingSince()).time(row.timeoutAt()).time(row.expiresAt()).time(row.startedAt())
                    .time(row.endedAt()).text(row.endReason()).time(row.updatedAt())
                    .time(row.optinRecordedAt())));
        }
        UnitOfWork unit = db.unitOfWork();
        if (unit != null) unit.runsChanged();
        db.write(upserts);
    }

    @Override
    public int interruptRunsOf(String flowUuid, String reason, Instant now) {
        UnitOfWork unit = db.unitOfWork();
        if (unit != null) unit.runsChanged();
        return db.withHandle(h -> h.createUpdate(INTERRUPT_OF_FLOW).bind("flow", flowUuid).bind("reason", reason)
                .bind("now", Times.utc(now)).execute());
    }

    @Override
    public List<Phone> withDueRuns(Instant now, int limit) {
        if (limit <= 0) return List.of();
        return db.withHandle(h -> h.createQuery(DUE).bind("now", Times.utc(now)).bind("limit", limit)
                .map((rs, ctx) -> new Phone(rs.getString("phone"))).list());
    }
}
