package io.consentflow.adapter.http.admin;

import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import java.util.List;

/** Stored messages to JSON; enums become their lower-case wire names. */
@Mapper
interface MessageJsonMapper {

    @Mapping(target = "flow", source = "flowUuid")
    MessageJson toJson(Message message);

    List<MessageJson> toJson(List<Message> messages);

    default String wire(Direction direction) {
        return direction == null ? null : direction.wire();
    }

    default String wire(MessageType type) {
        return type == null ? null : type.wire();
    }

    default String wire(MessageStatus status) {
        return status == null ? null : status.wire();
    }
}
