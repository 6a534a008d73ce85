package io.consentflow.adapter.http.provider;

import io.consentflow.application.port.out.MessageSender;
import io.consentflow.domain.message.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No provider configured: log that a message would be sent and call it accepted, so flows run end to end locally.
 * The log names the message (its id, type and length), never its text: texts are personal (names, answers, health
 * questions) and logs travel further than the database.
 */
public final class LoggingSender implements MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingSender.class);

    @Override
    public String provider() {
        return "log";
    }

    @Override
    public SendResult send(OutboundMessage m) {
        LOG.info("would send message {} ({}, {} characters) to {}", m.id(), m.type().wire(),
                m.text() == null ? 0 : m.text().length(), m.phone().masked());
        return new SendResult.Accepted("log-" + m.id());
    }
}
