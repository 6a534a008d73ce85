package io.consentflow.adapter.http.console;

/**
 * A broadcast as one row of the broadcasts list and the dashboard: display text and its counts.
 *
 * @param refused the recipients the send policy refused, every reason together
 * @param at      when it starts (or started), in UTC
 */
public record BroadcastLine(String id, String name, String status, String what, long recipients, long sent,
                            long delivered, long read, long failed, long refused, String created, String at) {
}
