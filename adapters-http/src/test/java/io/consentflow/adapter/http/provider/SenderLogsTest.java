package io.consentflow.adapter.http.provider;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.consentflow.adapter.http.Senders;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the senders log: ids, lengths and masked numbers, never a message's text or a whole phone number. */
class SenderLogsTest {
    private static final String TEXT = "Your test result is ready, Asha: negative";
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    private String logged() {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void theLogProviderLogsTheIdAndLengthNotTheText() {
        OutboundMessage m = OutboundMessages.message(new OutboundContent.Text(TEXT, List.of()), TEXT);

        SendResult r = Senders.create(SenderSettings.log()).send(m);

        assertInstanceOf(SendResult.Accepted.class, r);
        String log = logged();
        assertTrue(log.contains(m.id().toString()), log);
        assertTrue(log.contains(TEXT.length() + " characters"), log);
        assertFalse(log.contains("negative"), log);
        assertFalse(log.contains(m.phone().digits()), log);
    }

    @Test
    void aProviderFiveHundredIsLoggedAndStoredWithThePhoneMasked() {
        try (StandInProvider provider = new StandInProvider()) {
            MessageSender meta = Senders.create(new SenderSettings("meta", provider.base(), "token", null, null, "123",
                    Duration.ofSeconds(2)));
            OutboundMessage m = OutboundMessages.message(new OutboundContent.Text(TEXT, List.of()), TEXT);
            provider.answer(503, "{\"error\":{\"message\":\"recipient +" + m.phone().digits() + " unavailable\"}}");

            SendResult r = meta.send(m);

            SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, r);
            assertFalse(retry.reason().contains(m.phone().digits()), retry.reason());
            assertTrue(retry.reason().contains(m.phone().masked()), retry.reason());
            String log = logged();
            assertTrue(log.contains("503") && log.contains(m.id().toString()), log);
            assertTrue(log.contains(m.phone().masked()), log);
            assertFalse(log.contains(m.phone().digits()), log);
        }
    }

    @Test
    void maskingLeavesErrorCodesAlone() {
        assertEquals("code 131056 for 919*******78, +447*******23",
                ProviderCall.maskPhones("code 131056 for 919812345678, +447700900123"));
    }
}
