package io.consentflow.adapter.http.console;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DisplaysTest {
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
    static final Phone PHONE = Phone.parse("99900000001");

    static OutboundMessage out(OutboundContent content, RefusalReason refusal) {
        return OutboundMessage.queued(UUID.fromString("00000000-0000-7000-8000-000000000001"), PHONE,
                MessageType.INTERACTIVE, "t", content, null, null, false, AT, refusal);
    }

    @Test
    void aListIsDrawnBehindItsButtonWithItsSectionsAndRows() {
        Interactive list = new Interactive(Interactive.Kind.LIST, null, "Pick a topic", List.of(), "Topics",
                List.of(new Interactive.Section("Health", List.of(new Interactive.Row("Vaccines", "when and where"),
                        new Interactive.Row("Nutrition", null)))));
        Bubble b = Displays.bubble(out(new OutboundContent.InteractiveContent(list), null));
        assertEquals("Pick a topic", b.text());
        assertEquals("Topics", b.listButton());
        assertEquals(List.of(), b.buttons());
        assertEquals("Health", b.sections().get(0).title());
        assertEquals(new Bubble.ListRow("Vaccines", "when and where"), b.sections().get(0).rows().get(0));
        assertEquals("2026-11-30 10:00:00 UTC", b.at());
    }

    @Test
    void quickRepliesAreTheButtonsAndARefusalIsShownWithItsReason() {
        Interactive buttons = new Interactive(Interactive.Kind.QUICK_REPLY, "Stay in touch", "May we?",
                List.of("👍", "👎"), null, List.of());
        Bubble b = Displays.bubble(out(new OutboundContent.InteractiveContent(buttons), RefusalReason.CONTACT_OPTED_OUT));
        assertEquals(List.of("👍", "👎"), b.buttons());
        assertEquals("Stay in touch", b.header());
        assertEquals("refused", b.status());
        assertEquals("contact_opted_out", b.refusal());
        assertNull(b.listButton());
    }

    @Test
    void onlyHttpLinksAreLinks() {
        assertEquals("https://example.org/a.jpg", Displays.link("https://example.org/a.jpg"));
        assertNull(Displays.link("javascript:alert(1)"));
        assertNull(Displays.link(" JavaScript:alert(1)"));
        assertNull(Displays.link("data:text/html,<script>"));
        assertNull(Displays.link(null));
    }
}
