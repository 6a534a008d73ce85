package io.consentflow.adapter.persistence;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.mapstruct.Mapper;
import org.mapstruct.factory.Mappers;

/**
 * Row records to domain records and back. Enums travel as their lower-case {@code wire()} values, never as
 * {@code name()}; outbound content as {@link OutboundContentJson}.
 */
@Mapper
interface RowMapping {
    RowMapping INSTANCE = Mappers.getMapper(RowMapping.class);

    ConsentChange toConsentChange(ConsentChangeRow row);

    ConsentChangeRow toRow(ConsentChange change);

    default Phone phone(String digits) {
        return digits == null ? null : new Phone(digits);
    }

    default String digits(Phone phone) {
        return phone == null ? null : phone.digits();
    }

    default Direction direction(String wire) {
        return wire == null ? null : Direction.fromWire(wire);
    }

    default String wire(Direction direction) {
        return direction == null ? null : direction.wire();
    }

    default MessageType messageType(String wire) {
        if (wire == null) return null;
        return MessageType.fromWire(wire)
                .orElseThrow(() -> new IllegalStateException("unknown message type in the database: " + wire));
    }

    default String wire(MessageType type) {
        return type == null ? null : type.wire();
    }

    default MessageStatus messageStatus(String wire) {
        return wire == null ? null : MessageStatus.fromWire(wire);
    }

    default String wire(MessageStatus status) {
        return status == null ? null : status.wire();
    }

    default ConsentState consentState(String wire) {
        return wire == null ? null : ConsentState.fromWire(wire);
    }

    default String wire(ConsentState state) {
        return state == null ? null : state.wire();
    }

    default ConsentMethod consentMethod(String wire) {
        return wire == null ? null : ConsentMethod.fromWire(wire);
    }

    default String wire(ConsentMethod method) {
        return method == null ? null : method.wire();
    }

    default OutboundContent content(String json) {
        return OutboundContentJson.read(json);
    }

    default String json(OutboundContent content) {
        return OutboundContentJson.write(content);
    }
}
