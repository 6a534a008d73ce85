package io.consentflow.adapter.http;

import io.consentflow.adapter.http.gupshup.GupshupSender;
import io.consentflow.adapter.http.meta.MetaSender;
import io.consentflow.adapter.http.provider.LoggingSender;
import io.consentflow.adapter.http.provider.ProviderClient;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.application.port.out.MessageSender;

/** Builds the sender the settings name. */
public final class Senders {
    private Senders() {
    }

    /** A sender with a client of its own, never closed: for tests and callers that live as long as the JVM. */
    public static MessageSender create(SenderSettings settings) {
        return create(settings, new ProviderClient(settings.timeout()));
    }

    /** A sender that calls the provider through {@code client}; the {@code log} provider never touches it. */
    public static MessageSender create(SenderSettings settings, ProviderClient client) {
        return switch (settings.provider()) {
            case "gupshup" -> new GupshupSender(client, settings);
            case "meta" -> new MetaSender(client, settings);
            case "log" -> new LoggingSender();
            default -> throw new IllegalArgumentException("unknown provider '" + settings.provider()
                    + "' (gupshup, meta or log)");
        };
    }
}
