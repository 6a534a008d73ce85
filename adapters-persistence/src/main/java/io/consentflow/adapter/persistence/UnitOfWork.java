package io.consentflow.adapter.persistence;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link JdbiTransactions} transaction holds besides its connection, so that one inbound message costs
 * two round trips instead of nine or ten (lock, insert and reads; writes and commit):
 *
 * <ul>
 *   <li><b>Writes wait for the next statement.</b> {@code Contacts.save}, {@code Runs.saveAll} and
 *   {@code Messages.addOutbound} return nothing, so inside a transaction their statements are queued here and go to
 *   PostgreSQL together, in call order, just before the next statement of the transaction (any repository call goes
 *   through {@link Database}, which sends them first) or before the commit. Same statements, same order, same
 *   transaction and locks; only an error surfaces at that next call or the commit instead of at the save, and the
 *   whole transaction rolls back either way.</li>
 *   <li><b>The read that the inbound path always makes next rides with the message insert.</b>
 *   {@code Inbox.admit} ({@link JdbiInbox}: the contact's lock and the message insert) and
 *   {@code Messages.recordInbound} send, in the same round trip, the contact's unfinished runs, read by their own
 *   statement after the insert (so after the contact lock, as before). The next {@code Runs.unfinished(phone)} of
 *   this transaction uses them, unless this transaction changed runs since.</li>
 * </ul>
 *
 * <p>At the end, the held-back writes and the {@code COMMIT} share one round trip too ({@link #flushAndCommit}).
 *
 * Held by {@link Database} in a thread-local for the duration of the outermost transaction (the handle is the
 * thread's, as JDBI's {@code withHandle} works), and dropped with it, committed or not.
 */
final class UnitOfWork {
    private final Handle handle;
    private final List<Sql> pending = new ArrayList<>();
    private String runsPhone;
    private List<RunRow> runs;

    UnitOfWork(Handle handle) {
        this.handle = handle;
    }

    Handle handle() {
        return handle;
    }

    void defer(Sql statement) {
        pending.add(statement);
    }

    /** Sends the queued writes, if any, in one round trip. */
    void flush() {
        if (pending.isEmpty()) return;
        List<Sql> batch = new ArrayList<>(pending);
        pending.clear();
        Sql.executeAll(handle.getConnection(), batch);
    }

    /**
     * The queued writes and the {@code COMMIT}, in one round trip; nothing when no write is queued (the caller's
     * commit then happens as usual). PostgreSQL commits when it reaches the COMMIT, after every write succeeded;
     * the first failing write stops the rest, COMMIT included, and the caller rolls back. The driver sees the
     * connection idle afterwards, so the JDBC {@code commit()} that follows sends nothing.
     */
    void flushAndCommit() {
        if (pending.isEmpty()) return;
        List<Sql> batch = drainWith(List.of(COMMIT));
        Sql.executeAll(handle.getConnection(), batch);
    }

    private static final Sql COMMIT = new Sql("COMMIT", p -> { });

    /** Queued writes followed by {@code more}, in one round trip. */
    List<Sql> drainWith(List<Sql> more) {
        List<Sql> all = new ArrayList<>(pending.size() + more.size());
        all.addAll(pending);
        all.addAll(more);
        pending.clear();
        return all;
    }

    // ---- reads fetched ahead --------------------------------------------------------------------------------

    void unfinishedRuns(String phone, List<RunRow> rows) {
        this.runsPhone = phone;
        this.runs = rows;
    }

    /** The unfinished runs of {@code phone} read ahead in this transaction, or null. */
    List<RunRow> unfinishedRuns(String phone) {
        return runs != null && phone.equals(runsPhone) ? runs : null;
    }

    void runsChanged() {
        runs = null;
        runsPhone = null;
    }
}
