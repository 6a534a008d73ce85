package io.consentflow.domain.flow.router;

import io.consentflow.domain.message.MessageType;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Glific's tests on the kind of message that woke the run, whatever the operand: media of any kind (image,
 * audio, video or a file; a sticker is not media), one kind of media, or a shared location. The value is the
 * operand's text (a caption, {@code "lat,long"} for a location). No message (a timeout) matches nothing.
 */
public record InputTypeTest(Kind kind) implements CaseTest {
    /** Which message types each test accepts. */
    public enum Kind {
        MEDIA(EnumSet.of(MessageType.IMAGE, MessageType.AUDIO, MessageType.VIDEO, MessageType.FILE)),
        IMAGE(EnumSet.of(MessageType.IMAGE)),
        AUDIO(EnumSet.of(MessageType.AUDIO)),
        VIDEO(EnumSet.of(MessageType.VIDEO)),
        FILE(EnumSet.of(MessageType.FILE)),
        LOCATION(EnumSet.of(MessageType.LOCATION));

        private final Set<MessageType> types;

        Kind(Set<MessageType> types) {
            this.types = types;
        }

        public boolean accepts(MessageType type) {
            return type != null && types.contains(type);
        }
    }

    @Override
    public Optional<String> match(CaseInput input) {
        return kind.accepts(input.messageType()) ? Optional.of(input.text().strip()) : Optional.empty();
    }
}
