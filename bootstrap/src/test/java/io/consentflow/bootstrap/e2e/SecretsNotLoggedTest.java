package io.consentflow.bootstrap.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials, right or wrong, and full phone numbers never reach the log: our code at DEBUG, every library at
 * INFO (Jetty stays at WARN as in the service's logback.xml: its DEBUG dumps raw request headers).
 */
class SecretsNotLoggedTest {
    @Test
    void credentialsAndPhonesStayOutOfTheLog() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.consentflow");
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
        ours.setLevel(Level.DEBUG);
        jetty.setLevel(Level.WARN);
        String token = "gupshup-token-7f3a9c";
        String phone = Gupshup.newPhone();
        try (RunningService service = new RunningService(TestDatabase.empty(), token)) {
            Http http = service.http;
            http.post("/webhooks/gupshup?token=" + token, Gupshup.text(phone, Gupshup.newId(), "hello"));
            http.post("/webhooks/gupshup?token=wrong-token-e1d2", Gupshup.text(phone, Gupshup.newId(), "hello"));
            http.post("/webhooks/gupshup?token=" + token, "{\"type\":\"message\",\"payload\":{\"source\":\"" + phone + "\"}}");
            http.withKey("wrong-api-key-b5c6").get("/api/v1/contacts/" + phone);
            http.get("/api/v1/contacts/" + phone);
        } finally {
            root.setLevel(before);
            ours.setLevel(null);
            jetty.setLevel(null);
            root.detachAppender(captured);
        }
        assertTrue(captured.list.size() > 0, "something was logged");
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String secret : new String[]{token, "wrong-token-e1d2", RunningService.API_KEY, "wrong-api-key-b5c6", phone}) {
                assertFalse(line.contains(secret), "logged '" + secret + "': " + line);
            }
        }
    }
}
