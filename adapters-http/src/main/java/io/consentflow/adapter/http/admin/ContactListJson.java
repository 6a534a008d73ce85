package io.consentflow.adapter.http.admin;

import java.util.List;

/** One page of {@code GET /api/v1/contacts}; {@code next} is the cursor of the following page, null on the last. */
record ContactListJson(List<ContactJson> contacts, String next) {
}
