package io.consentflow.adapter.http.console;

import java.util.List;

/**
 * One message drawn as WhatsApp draws it: its text, the quick-reply buttons or list under it, when, and for ours
 * what became of it (delivery status, the send policy's refusal, the provider's failure).
 */
public record Bubble(String id, boolean inbound, String at, String header, String text, String media,
                     String mediaLabel, List<String> buttons, String listButton, List<ListSection> sections,
                     String status, String refusal, String failure) {
    public Bubble {
        buttons = List.copyOf(buttons);
        sections = List.copyOf(sections);
    }

    /** A section of a list message. */
    public record ListSection(String title, List<ListRow> rows) {
        public ListSection {
            rows = List.copyOf(rows);
        }
    }

    /** A row a contact can choose: its title is what the choice sends. */
    public record ListRow(String title, String description) {
    }
}
