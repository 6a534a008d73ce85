package io.consentflow.adapter.http.sender;

import io.consentflow.application.port.out.MessageSender;
import io.consentflow.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** No provider configured: log what would be sent and call it accepted, so flows run end to end locally. */
final class LoggingSender implements MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingSender.class);

    @Override
    public String provider() {
        return "log";
    }

    @Override
    public SendResult send(Message m) {
        LOG.info("would send {} to {}: {}", m.type().wire(), m.phone().masked(), m.text());
        return new SendResult.Accepted("log-" + m.id());
    }
}
