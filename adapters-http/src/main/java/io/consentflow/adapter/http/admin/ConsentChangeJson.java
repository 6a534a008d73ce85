package io.consentflow.adapter.http.admin;

import java.time.Instant;

/**
 * One entry of the consent history; {@code flow} is the flow that made the change, if any; {@code topic} is
 * {@code all} (consent itself) or {@code marketing} (the marketing-messages switch).
 */
record ConsentChangeJson(String from, String to, String method, String evidence, Instant at, String flow,
                         String topic) {
}
