package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.WebhookCalls;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The {@code webhook_calls} queue. Calls are written with the sprint that paused their run and marked done with
 * the sprint their outcome resumed ({@link JdbiConversations} writes both through {@link #insert} and
 * {@link #done}); this claims them for the worker.
 */
final class JdbiWebhookCalls implements WebhookCalls {
    private static final String COLUMNS = "id, run_id, phone, action_uuid, method, url, headers, body, created_at";
    private static final String INSERT = "INSERT INTO webhook_calls (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, "
            + "CAST(? AS jsonb), ?, ?)";
    private static final String DONE = "UPDATE webhook_calls SET done_at = now() WHERE id = ?";
    /**
     * The oldest calls not done and not leased (or whose lease ran out), each locked {@code SKIP LOCKED} while it
     * is leased, so two claimers never get one call; the partial index holds only the calls not done.
     */
    private static final String CLAIM = "UPDATE webhook_calls w SET claimed_until = :until, attempts = w.attempts + 1"
            + " FROM (SELECT id FROM webhook_calls WHERE done_at IS NULL"
            + " AND (claimed_until IS NULL OR claimed_until <= :now)"
            + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED) c WHERE w.id = c.id"
            + " RETURNING w.id, w.run_id, w.phone, w.action_uuid, w.method, w.url, w.headers, w.body, w.created_at,"
            + " w.attempts";

    private final Database db;

    JdbiWebhookCalls(Database db) {
        this.db = db;
    }

    static Sql insert(WebhookCall call) {
        WebhookRequest r = call.request();
        String headers = StoredJson.fields(r.headers());
        return new Sql(INSERT, p -> p.uuid(call.id()).uuid(call.runId()).text(call.phone().digits())
                .text(call.actionUuid()).text(r.method()).text(r.url()).text(headers).text(r.body()).time(call.at()));
    }

    static Sql done(UUID callId) {
        return new Sql(DONE, p -> p.uuid(callId));
    }

    @Override
    public List<Claimed> claim(Instant now, Duration lease, int limit) {
        if (limit <= 0) return List.of();
        List<Claimed> claimed = db.withHandle(h -> h.createQuery(CLAIM).bind("until", Times.utc(now.plus(lease)))
                .bind("now", Times.utc(now)).bind("limit", limit)
                .map((rs, ctx) -> new Claimed(new WebhookCall(rs.getObject("id", UUID.class),
                        rs.getObject("run_id", UUID.class), new Phone(rs.getString("phone")),
                        rs.getString("action_uuid"), new WebhookRequest(rs.getString("method"), rs.getString("url"),
                        StoredJson.fields(rs.getString("headers")), rs.getString("body")),
                        Times.instant(rs, "created_at")), rs.getInt("attempts")))
                .list());
        return claimed.stream().sorted(Comparator.comparing(c -> c.call().at())).toList();
    }
}
