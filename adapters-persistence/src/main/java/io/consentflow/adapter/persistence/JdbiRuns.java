package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs across contacts; {@link JdbiConversations} reads and writes a contact's own. */
final class JdbiRuns implements Runs {
    /**
     * Locks the CONTACT rows (the lock a conversation takes), skipping those another transaction
     * holds: two scheduler instances get different contacts, and a contact whose inbound message is being handled
     * right now is left for the next round instead of blocking. Earliest due first.
     */
    private static final String DUE = "SELECT c.phone FROM contacts c JOIN ("
            + " SELECT phone, min(LEAST(timeout_at, expires_at)) AS due FROM runs"
            + " WHERE status = 'active' AND (timeout_at <= :now OR expires_at <= :now)"
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
            + " timeout_at = NULL, expires_at = NULL, paused_action = NULL, awaited_call = NULL, updated_at = :now"
            + " WHERE status IN ('active', 'suspended') AND phone IN (SELECT phone FROM concerned)";

    private final Database db;

    JdbiRuns(Database db) {
        this.db = db;
    }

    @Override
    public int interruptRunsOf(String flowUuid, String reason, Instant now) {
        return db.withHandle(h -> h.createUpdate(INTERRUPT_OF_FLOW).bind("flow", flowUuid).bind("reason", reason)
                .bind("now", Times.utc(now)).execute());
    }

    @Override
    public Optional<Phone> phoneOf(UUID runId) {
        return db.withHandle(h -> h.createQuery("SELECT phone FROM runs WHERE id = :id").bind("id", runId)
                .mapTo(Phone.class).findOne());
    }

    @Override
    public List<Phone> withDueRuns(Instant now, int limit) {
        if (limit <= 0) return List.of();
        return db.withHandle(h -> h.createQuery(DUE).bind("now", Times.utc(now)).bind("limit", limit)
                .mapTo(Phone.class).list());
    }
}
