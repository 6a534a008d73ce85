package io.consentflow.adapter.http.admin;

import java.time.Instant;

/**
 * A contact's current consent: unknown / opted_in / opted_out, with when and how it last changed, and its
 * marketing-messages switch (unknown until the provider tells of a stop or a resume).
 */
record ConsentJson(String status, Instant at, String method, String marketing) {
}
