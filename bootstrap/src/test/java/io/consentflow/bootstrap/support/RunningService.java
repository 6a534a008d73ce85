package io.consentflow.bootstrap.support;

import io.consentflow.bootstrap.Config;
import io.consentflow.bootstrap.Main;

import java.nio.file.Path;

/** The whole service, started as main starts it, on a fresh test database. */
public final class RunningService implements AutoCloseable {
    public static final String API_KEY = "test-api-key";

    public final TestDatabase db;
    private Main.Service service;
    public Http http;
    private final String gupshupToken;

    public RunningService(TestDatabase db, String gupshupToken) {
        this.db = db;
        this.gupshupToken = gupshupToken;
        start();
    }

    public static RunningService fresh() {
        return new RunningService(TestDatabase.create(), null);
    }

    /** Starts (again) on the same database. */
    public void start() {
        service = Main.Service.start(new Config(db.url, db.user, db.password, Path.of("unused"), 0, 5, API_KEY,
                gupshupToken, "verify-me", null, io.consentflow.adapter.http.sender.SenderSettings.log()));
        http = new Http("http://127.0.0.1:" + service.port(), API_KEY);
    }

    public void stop() {
        service.close();
    }

    @Override
    public void close() {
        stop();
        db.drop();
    }
}
