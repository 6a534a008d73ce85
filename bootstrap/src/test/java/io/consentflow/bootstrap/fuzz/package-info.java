/**
 * Fuzzing the whole running service (RunningService: Main's wiring on a fresh PostgreSQL database) over real
 * HTTP, at least 10,000 generated or mutated inputs per endpoint.
 * <p>
 * Run: {@code CONSENTFLOW_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test mvn -B -o -pl bootstrap test
 * -Dtest='io.consentflow.bootstrap.fuzz.**' -Dsurefire.failIfNoSpecifiedTests=false}. With this project's
 * surefire (3.5.4) the pattern {@code 'io.consentflow.bootstrap.fuzz.*'} selects no class at all (the same for any
 * {@code pkg.*}), and with {@code failIfNoSpecifiedTests=false} that passes silently; {@code pkg.**},
 * {@code 'io/consentflow/bootstrap/fuzz/*'} or {@code '*FuzzTest'} select these classes.
 * Knobs ({@link io.consentflow.bootstrap.fuzz.FuzzConfig}): {@code -Dfuzz.seed} (fixed by default so CI is
 * deterministic; every run logs the seed it used, and the same seed regenerates the same inputs, each from its own
 * seed-derived {@code Random}),
 * {@code -Dfuzz.count} (inputs per endpoint, default 10,000), {@code -Dfuzz.threads} (default 4),
 * {@code -Dfuzz.client=jdk} (send with java.net.http.HttpClient instead of the thin kept-alive client).
 * A failing input is written byte for byte to {@code bootstrap/target/fuzz-failures/}.
 * <ul>
 *   <li>{@link io.consentflow.bootstrap.fuzz.WebhookFuzzTest}: {@code POST /webhooks/gupshup}, {@code POST
 *       /webhooks/meta}, seeded from the provider samples in {@code src/test/resources/fixtures/}.</li>
 *   <li>{@link io.consentflow.bootstrap.fuzz.AdminApiFuzzTest}: flow import (seeded from
 *       {@code fixtures/consent-flows.json}), flow patch, settings, consent, sends.</li>
 *   <li>{@link io.consentflow.bootstrap.fuzz.PathParamFuzzTest}: the {@code {phone}}, {@code {id}} and
 *       {@code {uuid}} of the GET routes, clean and dirty, some over a raw socket.</li>
 *   <li>{@link io.consentflow.bootstrap.fuzz.FuzzFindingsTest}: each failure found, as a fixed input.</li>
 * </ul>
 * The properties are checked by {@link io.consentflow.bootstrap.fuzz.FuzzRunner}; the oracles deciding what is
 * valid are {@link io.consentflow.bootstrap.fuzz.WebhookSpecs} and {@link io.consentflow.bootstrap.fuzz.AdminSpecs}.
 */
package io.consentflow.bootstrap.fuzz;
