package io.consentflow.bootstrap;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server lets a request in flight finish with its answer. */
class GracefulStopTest {
    @Test
    void aRequestInFlightFinishesWhenTheServerStops() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Javalin app = Javalin.create(cfg -> {
            Consentflow.gracefulStop(cfg);
            cfg.routes.get("/slow", ctx -> {
                inside.countDown();
                Thread.sleep(800);
                ctx.result("done");
            });
        }).start(0);
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        app.stop();
        HttpResponse<String> r = response.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("done", r.body());
    }
}
