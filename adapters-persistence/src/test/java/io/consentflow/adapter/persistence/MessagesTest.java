package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Messages messages;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        messages = adapter.messages();
        conversations = adapter.conversations();
    }

    /** Records an inbound message in its sender's conversation; false for a duplicate. */
    private static boolean recordInbound(ReceivedMessage inbound) {
        return conversations.inbound(inbound, "Asha", T0, c -> new Turn<>(Changes.none(), true)).isPresent();
    }

    private static void addOutbound(List<OutboundMessage> outbound) {
        Fixtures.addOutbound(conversations, outbound);
    }

    private static ReceivedMessage inbound(Phone phone, String provider, String providerId, String text) {
        return Fixtures.inbound(phone, provider, providerId, MessageType.QUICK_REPLY, text);
    }

    private static OutboundMessage outbound(Phone phone, OutboundContent content, MessageType type, MessageStatus status,
                                    String reason) {
        return new OutboundMessage(UUID.randomUUID(), phone, type, "display text", content, status, "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", null, false, T0.plusSeconds(1), null, null, RefusalReason.fromCode(reason).orElse(null), null);
    }

    @Test
    void aSecondInboundWithTheSameProviderIdIsADuplicateAndChangesNothing() {
        Phone phone = Fixtures.phone();
        String providerId = "gs-" + UUID.randomUUID();
        ReceivedMessage first = inbound(phone, "gupshup", providerId, "👍");
        ReceivedMessage retry = inbound(phone, "gupshup", providerId, "a different text");
        assertTrue(recordInbound(first));
        assertFalse(recordInbound(retry));
        assertEquals(first, messages.find(first.id()).orElseThrow());
        assertFalse(messages.find(retry.id()).isPresent());
        assertEquals(List.of(first), messages.ofContact(phone));
    }

    @Test
    void theSameProviderIdFromAnotherProviderIsNotADuplicate() {
        Phone phone = Fixtures.phone();
        String providerId = "id-" + UUID.randomUUID();
        assertTrue(recordInbound(inbound(phone, "gupshup", providerId, "a")));
        assertTrue(recordInbound(inbound(phone, "meta", providerId, "b")));
    }

    @Test
    void aDuplicateIsNotWorkedOnAndTheNextMessageIs() {
        Phone phone = Fixtures.phone();
        String providerId = "gs-" + UUID.randomUUID();
        assertTrue(recordInbound(inbound(phone, "gupshup", providerId, "first")));
        OutboundMessage after = outbound(phone, new OutboundContent.Text("ok", List.of()), MessageType.TEXT,
                MessageStatus.QUEUED, null);
        boolean duplicate = conversations.inbound(inbound(phone, "gupshup", providerId, "retry"), "Asha", T0,
                c -> new Turn<>(Changes.none().withOutbound(List.of(after)), false)).isEmpty();
        assertTrue(duplicate);
        assertFalse(messages.find(after.id()).isPresent());
        assertTrue(recordInbound(inbound(phone, "gupshup", "gs-" + UUID.randomUUID(), "next")));
    }

    @Test
    void outboundMessagesRoundTripWithTheirContentInOrder() {
        Phone phone = Fixtures.phone();
        ReceivedMessage in = inbound(phone, "gupshup", "gs-" + UUID.randomUUID(), "optin");
        assertTrue(recordInbound(in));
        Interactive quickReply = new Interactive(Interactive.Kind.QUICK_REPLY, "Stay in touch?",
                "Press 👍 to let us message you", List.of("👍", "👎"), null, List.of());
        Interactive list = new Interactive(Interactive.Kind.LIST, "Menu", "Pick a topic", List.of(), "Topics",
                List.of(new Interactive.Section("Health", List.of(new Interactive.Row("Nutrition", "Eat well"),
                                new Interactive.Row("Sleep", null))),
                        new Interactive.Section(null, List.of(new Interactive.Row("Other", "Anything else")))));
        List<OutboundMessage> out = new ArrayList<>();
        out.add(outbound(phone, new OutboundContent.Text("Hello @contact.name", List.of("Yes", "No")),
                MessageType.TEXT, MessageStatus.QUEUED, null));
        out.add(outbound(phone, new OutboundContent.InteractiveContent(quickReply), MessageType.INTERACTIVE,
                MessageStatus.QUEUED, null));
        out.add(outbound(phone, new OutboundContent.InteractiveContent(list), MessageType.INTERACTIVE,
                MessageStatus.QUEUED, null));
        out.add(outbound(phone, new OutboundContent.Template("optin_reminder", "en", List.of("Asha", "3")),
                MessageType.TEMPLATE, MessageStatus.REFUSED, "not_opted_in"));
        out.add(outbound(phone, new OutboundContent.Template("visit", "hi", List.of("Asha"),
                "9c1a7a4e-2f7d-4c55-9c0e-3d7f7f1c2b11"), MessageType.TEMPLATE, MessageStatus.QUEUED, null));
        out.add(outbound(phone, new OutboundContent.MediaContent(new Media(MessageType.VIDEO,
                "https://cdn.example/v.mp4", "Watch")), MessageType.VIDEO, MessageStatus.QUEUED, null));
        out.add(outbound(phone, new OutboundContent.Text("second at the same instant", List.of()), MessageType.TEXT,
                MessageStatus.REFUSED, "session_window_closed"));
        // the opt-in flow's ask keeps its run and the mark the send-time check needs
        out.add(new OutboundMessage(UUID.randomUUID(), phone, MessageType.TEXT, "May we?", new OutboundContent.Text("May we?", List.of()), MessageStatus.QUEUED, "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", UUID.randomUUID(), true, T0.plusSeconds(2), null, null, null, null));
        addOutbound(out);

        List<Message> expected = new ArrayList<>();
        expected.add(in);
        expected.addAll(out);
        assertEquals(expected, messages.ofContact(phone), "oldest first, insertion order within one instant");
        for (Message m : out) assertEquals(m, messages.find(m.id()).orElseThrow());
    }

    @Test
    void anInboundMessageKeepsItsMedia() {
        Phone phone = Fixtures.phone();
        ReceivedMessage photo = new ReceivedMessage(UUID.randomUUID(), phone, MessageType.IMAGE, "lab report",
                "gupshup", "gs-" + UUID.randomUUID(), T0,
                new Media(MessageType.IMAGE, "https://files.example/report.jpg", "lab report"));
        assertTrue(recordInbound(photo));
        assertEquals(photo, messages.find(photo.id()).orElseThrow());
        assertEquals(List.of(photo), messages.ofContact(phone));
    }

    @Test
    void everyTypeAndStatusIsAcceptedByTheSchema() {
        Phone phone = Fixtures.phone();
        List<OutboundMessage> out = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            for (MessageStatus status : MessageStatus.values()) {
                out.add(outbound(phone, null, type, status, null));
            }
        }
        addOutbound(out);
        assertEquals(out, messages.ofContact(phone));
    }

    /** Directions cannot mix (an inbound and an outbound message are different types); the dedupe key is required. */
    @Test
    void refusesAnInboundWithoutItsDedupeKey() {
        Phone phone = Fixtures.phone();
        NullPointerException e = assertThrows(NullPointerException.class, () -> new ReceivedMessage(UUID.randomUUID(),
                phone, MessageType.TEXT, "x", null, null, T0));
        assertEquals("provider", e.getMessage());
        assertTrue(messages.ofContact(phone).isEmpty());
    }

    @Test
    void unknownIdsAndPhonesFindNothing() {
        assertFalse(messages.find(UUID.randomUUID()).isPresent());
        assertTrue(messages.ofContact(Fixtures.phone()).isEmpty());
        addOutbound(List.of());
    }
}
