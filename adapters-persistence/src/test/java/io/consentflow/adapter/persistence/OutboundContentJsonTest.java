package io.consentflow.adapter.persistence;

import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundContentJsonTest {
    @Test
    void everyKindRoundTrips() {
        List<OutboundContent> all = List.of(
                new OutboundContent.Text("Hi \"there\" 👋", List.of("Yes", "No")),
                new OutboundContent.Text(null, List.of()),
                new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.QUICK_REPLY, null, "Pick",
                        List.of("1", "2"), null, List.of())),
                new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LIST, "H", "Body",
                        List.of(), "Open", List.of(new Interactive.Section("S", List.of(
                                new Interactive.Row("r1", "d1"), new Interactive.Row("r2", null)))))),
                new OutboundContent.Template("welcome", "en", List.of("Asha")));
        for (OutboundContent content : all) {
            assertEquals(content, OutboundContentJson.read(OutboundContentJson.write(content)));
        }
        assertNull(OutboundContentJson.write(null));
        assertNull(OutboundContentJson.read(null));
    }

    @Test
    void theKindIsWrittenAsADiscriminator() {
        String json = OutboundContentJson.write(new OutboundContent.Template("welcome", "en", List.of()));
        assertTrue(json.contains("\"kind\":\"template\""), json);
        assertThrows(IllegalStateException.class, () -> OutboundContentJson.read("{\"kind\":\"carousel\"}"));
    }
}
