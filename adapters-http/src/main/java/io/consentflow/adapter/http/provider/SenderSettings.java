package io.consentflow.adapter.http.provider;

import java.net.URI;
import java.time.Duration;

/**
 * Which provider delivers outbound messages and how to reach it. {@code provider} is {@code gupshup},
 * {@code meta} or {@code log} (no provider: messages are logged and marked accepted).
 */
public record SenderSettings(String provider, URI baseUrl, String apiKey, String source, String appName,
                             String phoneNumberId, Duration timeout) {
    public static final URI GUPSHUP_DEFAULT = URI.create("https://api.gupshup.io");
    public static final URI META_DEFAULT = URI.create("https://graph.facebook.com/v21.0");

    public static SenderSettings log() {
        return new SenderSettings("log", null, null, null, null, null, Duration.ofSeconds(10));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SenderSettings[" + provider + (baseUrl == null ? "" : " " + baseUrl) + "]";
    }
}
