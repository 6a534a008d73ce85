package io.consentflow.adapter.http;

import io.consentflow.adapter.http.gupshup.GupshupSender;
import io.consentflow.adapter.http.meta.MetaSender;
import io.consentflow.adapter.http.provider.LoggingSender;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.application.port.out.MessageSender;

import java.net.http.HttpClient;

/** Builds the sender the settings name. */
public final class Senders {
    private Senders() {
    }

    public static MessageSender create(SenderSettings settings) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        return switch (settings.provider()) {
            case "gupshup" -> new GupshupSender(client, settings);
            case "meta" -> new MetaSender(client, settings);
            case "log" -> new LoggingSender();
            default -> throw new IllegalArgumentException("unknown provider '" + settings.provider()
                    + "' (gupshup, meta or log)");
        };
    }
}
