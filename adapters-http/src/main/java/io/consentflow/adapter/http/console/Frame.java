package io.consentflow.adapter.http.console;

/**
 * What every console page's frame needs: its title, where the console lives (with a host's prefix), the session's
 * CSRF token for its forms, and whether the console is open to anyone (no API key set).
 *
 * @param section which navigation entry is current ({@code dashboard}, {@code contacts}, {@code simulator}, ...)
 * @param apiDocs    the rendered API reference, or null where none is served
 * @param broadcasts whether the broadcasts pages are served (the service gave the console its broadcasts)
 */
public record Frame(String title, String base, String csrf, boolean open, boolean signedIn, String section,
                   String apiDocs, boolean broadcasts) {
}
