package io.consentflow.bootstrap.embedding;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;

import java.time.Instant;

/** A host without Javalin: it calls the engine in-process only (run by {@link WithoutJavalinTest}). */
public final class PlainHost {
    private PlainHost() {
    }

    public static String run(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setDriverClassName("org.postgresql.Driver"); // this class loader's driver, not DriverManager's
        try (HikariDataSource pool = new HikariDataSource(config);
             Consentflow engine = Consentflow.builder(pool).build().startScheduler()) {
            Phone phone = Phone.parse("+919800000301");
            engine.receiveMessage().receive(new InboundMessage("gupshup", "plain-1", phone, "Meena", MessageType.TEXT,
                    "hi", Instant.now()));
            engine.dispatchOutbox().dispatchOnce(10);
            return engine.viewContacts().contact(phone).orElseThrow().name();
        }
    }
}
