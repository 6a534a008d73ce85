package io.consentflow.bootstrap.support;

import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.bootstrap.Config;
import io.consentflow.bootstrap.Main;

import java.nio.file.Path;

/** The whole service, started as main starts it, on a test database. */
public final class RunningService implements AutoCloseable {
    public static final String API_KEY = "test-api-key";

    public final TestDatabase db;
    private final String gupshupToken;
    private final String metaAppSecret;
    private final SenderSettings provider;
    private final boolean ownsDatabase;
    private Main.Service service;
    public Http http;

    public RunningService(TestDatabase db, String gupshupToken) {
        this(db, gupshupToken, null, SenderSettings.log(), true);
    }

    private RunningService(TestDatabase db, String gupshupToken, String metaAppSecret, SenderSettings provider,
                           boolean ownsDatabase) {
        this.db = db;
        this.gupshupToken = gupshupToken;
        this.metaAppSecret = metaAppSecret;
        this.provider = provider;
        this.ownsDatabase = ownsDatabase;
        start();
    }

    public static RunningService fresh() {
        return new RunningService(TestDatabase.empty(), null);
    }

    /** A service delivering through {@code provider}, on a fresh database. */
    public static RunningService withProvider(SenderSettings provider, String metaAppSecret) {
        return new RunningService(TestDatabase.empty(), null, metaAppSecret, provider, true);
    }

    /** Another instance on the same database (it leaves the database alone when closed). */
    public RunningService secondInstance() {
        return new RunningService(db, gupshupToken, metaAppSecret, provider, false);
    }

    /** Starts (again) on the same database. */
    public void start() {
        service = Main.Service.start(new Config(db.url(), db.user(), db.password(), Path.of("unused"), 0, 8, API_KEY,
                gupshupToken, "verify-me", metaAppSecret, provider));
        http = new Http("http://127.0.0.1:" + service.port(), API_KEY);
    }

    public void stop() {
        service.close();
    }

    @Override
    public void close() {
        stop();
        if (ownsDatabase) db.close();
    }
}
