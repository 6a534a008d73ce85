package io.consentflow.bootstrap;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Who delivers the engine's outbound messages ({@code Consentflow.Builder#provider}): Gupshup, Meta's Cloud API,
 * or nobody ({@link Log}: messages are logged by id and length and marked accepted). A host with a WhatsApp client
 * of its own gives the builder a {@code MessageSender} instead.
 */
public sealed interface Provider {
    /** Connect and request timeout of a provider call unless told otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static Log log() {
        return new Log();
    }

    /** Gupshup's public API at its default address. */
    static Gupshup gupshup(String apiKey, String source, String appName) {
        return new Gupshup(apiKey, source, appName, Gupshup.DEFAULT_BASE_URL, DEFAULT_TIMEOUT);
    }

    /** Meta's Graph API at its default address. */
    static Meta meta(String accessToken, String phoneNumberId) {
        return new Meta(accessToken, phoneNumberId, Meta.DEFAULT_BASE_URL, DEFAULT_TIMEOUT);
    }

    /** Nobody: each message is logged (id and length, never its text) and marked accepted. */
    record Log() implements Provider {
    }

    /**
     * @param apiKey  the {@code apikey} header
     * @param source  the business number messages are sent from
     * @param appName the app's name ({@code src.name})
     * @param baseUrl the API's root (a test's stand-in, or a proxy)
     * @param timeout connect and request timeout of one call, at most {@code Consentflow.LONGEST_PROVIDER_TIMEOUT}
     */
    record Gupshup(String apiKey, String source, String appName, URI baseUrl, Duration timeout) implements Provider {
        public static final URI DEFAULT_BASE_URL = URI.create("https://api.gupshup.io");

        public Gupshup {
            require(apiKey, "apiKey");
            require(source, "source");
            appName = appName == null ? "" : appName;
            Objects.requireNonNull(baseUrl, "provider: baseUrl");
            Objects.requireNonNull(timeout, "provider: timeout");
        }

        public Gupshup withBaseUrl(URI url) {
            return new Gupshup(apiKey, source, appName, url, timeout);
        }

        public Gupshup withTimeout(Duration t) {
            return new Gupshup(apiKey, source, appName, baseUrl, t);
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Gupshup[" + baseUrl + "]";
        }
    }

    /**
     * @param accessToken   the bearer token
     * @param phoneNumberId the sending number's id
     * @param baseUrl       the Graph API's root, version included
     * @param timeout       as {@link Gupshup#timeout()}
     */
    record Meta(String accessToken, String phoneNumberId, URI baseUrl, Duration timeout) implements Provider {
        public static final URI DEFAULT_BASE_URL = URI.create("https://graph.facebook.com/v21.0");

        public Meta {
            require(accessToken, "accessToken");
            require(phoneNumberId, "phoneNumberId");
            Objects.requireNonNull(baseUrl, "provider: baseUrl");
            Objects.requireNonNull(timeout, "provider: timeout");
        }

        public Meta withBaseUrl(URI url) {
            return new Meta(accessToken, phoneNumberId, url, timeout);
        }

        public Meta withTimeout(Duration t) {
            return new Meta(accessToken, phoneNumberId, baseUrl, t);
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Meta[" + baseUrl + "]";
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("provider: " + name + " is required");
    }
}
