package io.consentflow.adapter.http.console;

import java.util.List;

/**
 * One broadcast's page: what it sends to whom, where it is and what became of its recipients. {@code live} while
 * it is scheduled or running: the progress is polled and it can be cancelled.
 *
 * @param what     the template with its parameters, or the flow
 * @param audience the group by name, or how many phones
 * @param refused  the refused recipients by reason
 * @param started  a flow broadcast's runs started; null for a template broadcast
 */
public record BroadcastPage(String id, String name, String status, String what, String audience, String at,
                            String created, String startedAt, String endedAt, long recipients, long queued,
                            long sent, long delivered, long read, long failed, List<Figure> refused,
                            long refusedTotal, Long started, boolean live, String notice) {
    public record Figure(String name, long n) {
    }
}
