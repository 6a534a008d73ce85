package io.consentflow.domain.message;

import java.util.List;

/**
 * The content of an interactive message. A quick reply has {@code header}, {@code text} and up to three
 * {@code buttons}; a list has {@code text}, {@code listButton} and {@code sections} of rows; a location request
 * (WhatsApp's "send location" button) has only its {@code text}.
 */
public record Interactive(Kind kind, String header, String text, List<String> buttons, String listButton,
                          List<Section> sections) {
    public enum Kind { QUICK_REPLY, LIST, LOCATION_REQUEST }

    public Interactive {
        buttons = List.copyOf(buttons);
        sections = List.copyOf(sections);
    }

    public record Section(String title, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    public record Row(String title, String description) {
    }
}
