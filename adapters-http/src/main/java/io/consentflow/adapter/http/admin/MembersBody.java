package io.consentflow.adapter.http.admin;

import java.util.List;

/** {@code POST/DELETE /api/v1/groups/{id}/members}. */
record MembersBody(List<String> phones) {
}
