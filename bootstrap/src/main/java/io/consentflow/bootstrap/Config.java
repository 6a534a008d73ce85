package io.consentflow.bootstrap;

import io.consentflow.adapter.http.provider.SenderSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings, from {@code CONSENTFLOW_*} environment variables (documented in README.md). Without
 * {@code CONSENTFLOW_DB_URL} the service starts an embedded PostgreSQL whose data lives in
 * {@code CONSENTFLOW_DATA_DIR}.
 */
public record Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize,
                     String apiKey, String gupshupToken, String metaVerifyToken, String metaAppSecret,
                     SenderSettings provider, int sendConcurrency, String metricsToken, Duration webhookTimeout,
                     boolean webhookDenyPrivate, int sendRate) {
    /** Concurrent provider calls of the outbox (CONSENTFLOW_SEND_CONCURRENCY). */
    public static final int DEFAULT_SEND_CONCURRENCY = 8;
    /**
     * The business number's messages a second, held by every instance together (CONSENTFLOW_SEND_RATE): Meta's
     * standard throughput for a WhatsApp business number; an upgraded number has 1,000.
     */
    public static final int DEFAULT_SEND_RATE = 80;
    /** How long a flow's webhook call may take (CONSENTFLOW_WEBHOOK_TIMEOUT_MS). */
    public static final int DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

    public Config {
        if (sendConcurrency < 1) {
            throw new IllegalArgumentException("CONSENTFLOW_SEND_CONCURRENCY must be at least 1, got " + sendConcurrency);
        }
        if (sendRate < 1) {
            throw new IllegalArgumentException("CONSENTFLOW_SEND_RATE must be a positive number of messages a second, got "
                    + sendRate);
        }
        if (webhookTimeout == null) webhookTimeout = Duration.ofMillis(DEFAULT_WEBHOOK_TIMEOUT_MS);
        if (webhookTimeout.isNegative() || webhookTimeout.isZero()) {
            throw new IllegalArgumentException("CONSENTFLOW_WEBHOOK_TIMEOUT_MS must be at least 1, got "
                    + webhookTimeout.toMillis());
        }
    }

    public Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize, String apiKey,
                  String gupshupToken, String metaVerifyToken, String metaAppSecret, SenderSettings provider,
                  int sendConcurrency, String metricsToken, Duration webhookTimeout, boolean webhookDenyPrivate) {
        this(dbUrl, dbUser, dbPassword, dataDir, port, poolSize, apiKey, gupshupToken, metaVerifyToken, metaAppSecret,
                provider, sendConcurrency, metricsToken, webhookTimeout, webhookDenyPrivate, DEFAULT_SEND_RATE);
    }

    public Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize, String apiKey,
                  String gupshupToken, String metaVerifyToken, String metaAppSecret, SenderSettings provider,
                  int sendConcurrency, String metricsToken) {
        this(dbUrl, dbUser, dbPassword, dataDir, port, poolSize, apiKey, gupshupToken, metaVerifyToken, metaAppSecret,
                provider, sendConcurrency, metricsToken, null, false);
    }

    public Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize, String apiKey,
                  String gupshupToken, String metaVerifyToken, String metaAppSecret, SenderSettings provider) {
        this(dbUrl, dbUser, dbPassword, dataDir, port, poolSize, apiKey, gupshupToken, metaVerifyToken, metaAppSecret,
                provider, DEFAULT_SEND_CONCURRENCY);
    }

    public Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize, String apiKey,
                  String gupshupToken, String metaVerifyToken, String metaAppSecret, SenderSettings provider,
                  int sendConcurrency) {
        this(dbUrl, dbUser, dbPassword, dataDir, port, poolSize, apiKey, gupshupToken, metaVerifyToken, metaAppSecret,
                provider, sendConcurrency, null);
    }

    public static Config fromEnv() {
        return from(System.getenv());
    }

    static Config from(Map<String, String> env) {
        return new Config(
                get(env, "CONSENTFLOW_DB_URL").orElse(null),
                get(env, "CONSENTFLOW_DB_USER").orElse("postgres"),
                get(env, "CONSENTFLOW_DB_PASSWORD").orElse(""),
                Path.of(get(env, "CONSENTFLOW_DATA_DIR").orElse("./data")),
                integer(env, "CONSENTFLOW_PORT", 8080),
                integer(env, "CONSENTFLOW_DB_POOL_SIZE", 10),
                get(env, "CONSENTFLOW_API_KEY").orElse(null),
                get(env, "CONSENTFLOW_GUPSHUP_TOKEN").orElse(null),
                get(env, "CONSENTFLOW_META_VERIFY_TOKEN").orElse(null),
                get(env, "CONSENTFLOW_META_APP_SECRET").orElse(null),
                provider(env),
                integer(env, "CONSENTFLOW_SEND_CONCURRENCY", DEFAULT_SEND_CONCURRENCY),
                get(env, "CONSENTFLOW_METRICS_TOKEN").orElse(null),
                Duration.ofMillis(integer(env, "CONSENTFLOW_WEBHOOK_TIMEOUT_MS", DEFAULT_WEBHOOK_TIMEOUT_MS)),
                bool(env, "CONSENTFLOW_WEBHOOK_DENY_PRIVATE"),
                integer(env, "CONSENTFLOW_SEND_RATE", DEFAULT_SEND_RATE));
    }

    /**
     * The provider that delivers messages: {@code CONSENTFLOW_PROVIDER} (gupshup, meta, log), else Gupshup when its
     * API key is set, Meta when its access token is set, else a log.
     */
    static SenderSettings provider(Map<String, String> env) {
        Optional<String> gupshupKey = get(env, "CONSENTFLOW_GUPSHUP_API_KEY");
        Optional<String> metaToken = get(env, "CONSENTFLOW_META_ACCESS_TOKEN");
        String name = get(env, "CONSENTFLOW_PROVIDER").orElse(
                gupshupKey.isPresent() ? "gupshup" : metaToken.isPresent() ? "meta" : "log");
        Duration timeout = Duration.ofMillis(integer(env, "CONSENTFLOW_PROVIDER_TIMEOUT_MS", 10_000));
        Duration longest = Consentflow.LONGEST_PROVIDER_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(longest) > 0) {
            throw new IllegalArgumentException("CONSENTFLOW_PROVIDER_TIMEOUT_MS must be between 1 and "
                    + longest.toMillis() + ", got " + timeout.toMillis());
        }
        Optional<URI> base = get(env, "CONSENTFLOW_PROVIDER_BASE_URL").map(URI::create);
        return switch (name) {
            case "gupshup" -> new SenderSettings("gupshup", base.orElse(SenderSettings.GUPSHUP_DEFAULT),
                    require(gupshupKey, "CONSENTFLOW_GUPSHUP_API_KEY"),
                    require(get(env, "CONSENTFLOW_GUPSHUP_SOURCE"), "CONSENTFLOW_GUPSHUP_SOURCE"),
                    get(env, "CONSENTFLOW_GUPSHUP_APP_NAME").orElse(""), null, timeout);
            case "meta" -> new SenderSettings("meta", base.orElse(SenderSettings.META_DEFAULT),
                    require(metaToken, "CONSENTFLOW_META_ACCESS_TOKEN"), null, null,
                    require(get(env, "CONSENTFLOW_META_PHONE_NUMBER_ID"), "CONSENTFLOW_META_PHONE_NUMBER_ID"), timeout);
            case "log" -> SenderSettings.log();
            default -> throw new IllegalArgumentException("CONSENTFLOW_PROVIDER must be gupshup, meta or log, got '"
                    + name + "'");
        };
    }

    private static String require(Optional<String> value, String name) {
        return value.orElseThrow(() -> new IllegalArgumentException(name + " is required for this provider"));
    }

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        return get(env, name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + v + "'", e);
            }
        }).orElse(fallback);
    }

    private static boolean bool(Map<String, String> env, String name) {
        return get(env, name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        }).orElse(false);
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "Config[db=" + (embeddedDatabase() ? "embedded in " + dataDir : dbUrl) + ", port=" + port
                + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", gupshupToken="
                + (gupshupToken == null ? "unset" : "set") + ", metaAppSecret="
                + (metaAppSecret == null ? "unset" : "set") + ", provider=" + provider
                + ", sendConcurrency=" + sendConcurrency + ", sendRate=" + sendRate + "/s, metricsToken=" + (metricsToken == null ? "unset" : "set")
                + ", webhookTimeout=" + webhookTimeout.toMillis() + " ms, webhookDenyPrivate=" + webhookDenyPrivate
                + "]";
    }
}
