package io.consentflow.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings, from {@code CONSENTFLOW_*} environment variables (documented in README.md). Without
 * {@code CONSENTFLOW_DB_URL} the service starts an embedded PostgreSQL whose data lives in
 * {@code CONSENTFLOW_DATA_DIR}.
 */
public record Config(String dbUrl, String dbUser, String dbPassword, Path dataDir, int port, int poolSize,
                     String apiKey, String gupshupToken, String metaVerifyToken, String metaAppSecret) {

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
                get(env, "CONSENTFLOW_META_APP_SECRET").orElse(null));
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

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "Config[db=" + (embeddedDatabase() ? "embedded in " + dataDir : dbUrl) + ", port=" + port
                + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", gupshupToken="
                + (gupshupToken == null ? "unset" : "set") + ", metaAppSecret="
                + (metaAppSecret == null ? "unset" : "set") + "]";
    }
}
