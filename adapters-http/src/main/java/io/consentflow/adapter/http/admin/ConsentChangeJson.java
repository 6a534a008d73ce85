package io.consentflow.adapter.http.admin;

import java.time.Instant;

/** One entry of the consent history; {@code flow} is the flow that made the change, if any. */
record ConsentChangeJson(String from, String to, String method, String evidence, Instant at, String flow) {
}
