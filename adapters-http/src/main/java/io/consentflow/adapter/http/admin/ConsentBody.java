package io.consentflow.adapter.http.admin;

/** {@code PUT /api/v1/contacts/{phone}/consent}: {@code opted_in} or {@code opted_out}, and the evidence. */
record ConsentBody(String status, String note) {
}
