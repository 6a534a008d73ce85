package io.consentflow.adapter.http.admin;

import java.util.UUID;

/** The 202 answer to {@code POST /api/v1/messages}. */
record MessageQueuedJson(UUID id, String status) {
}
