package io.consentflow.adapter.http.console;

/** A contact as one row of the contacts list: display text only. */
public record ContactLine(String phone, String name, String consent, String status, String lastInboundAt) {
}
