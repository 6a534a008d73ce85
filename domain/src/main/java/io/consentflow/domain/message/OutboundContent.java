package io.consentflow.domain.message;

import java.util.List;

/** What an outbound message carries, beyond its display text. */
public sealed interface OutboundContent {
    /** A free-form text, optionally with quick-reply buttons. */
    record Text(String body, List<String> quickReplies) implements OutboundContent {
        public Text {
            quickReplies = List.copyOf(quickReplies);
        }
    }

    /** Interactive buttons or list, rendered. */
    record InteractiveContent(Interactive message) implements OutboundContent {
    }

    /** A pre-approved template (HSM): the only kind allowed outside the session window. */
    record Template(String name, String language, List<String> params) implements OutboundContent {
        public Template {
            params = List.copyOf(params);
        }
    }

    default boolean template() {
        return this instanceof Template;
    }
}
