package io.consentflow.adapter.http.admin;

/** {@code POST /api/v1/groups}, {@code PATCH /api/v1/groups/{id}}. */
record GroupBody(String name) {
}
