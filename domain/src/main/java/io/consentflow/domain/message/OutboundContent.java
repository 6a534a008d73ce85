package io.consentflow.domain.message;

import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;

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

    /**
     * A pre-approved template (HSM): the only kind allowed outside the session window.
     *
     * @param uuid       the template's id at the provider when the flow names one (Glific's template uuid, which
     *                   Gupshup takes as the template id); null when only the name is known
     * @param category   its category as registered; null for a template the registry does not know, which the
     *                   send policy judges as marketing (the stricter rule)
     * @param providerId what the registry says the provider knows it by (Gupshup's id, Meta's name); null when
     *                   not registered
     */
    record Template(String name, String language, List<String> params, String uuid, TemplateCategory category,
                    String providerId) implements OutboundContent {
        public Template {
            params = List.copyOf(params);
        }

        public Template(String name, String language, List<String> params, String uuid) {
            this(name, language, params, uuid, null, null);
        }

        public Template(String name, String language, List<String> params) {
            this(name, language, params, null);
        }

        /** A send of a registered template. */
        public static Template of(MessageTemplate registered, List<String> params) {
            return new Template(registered.name(), registered.language(), params, null, registered.category(),
                    registered.providerName());
        }

        /** Whether the contact's marketing-messages switch applies: marketing, or of a category nobody told us. */
        public boolean marketing() {
            return category == null || category == TemplateCategory.MARKETING;
        }
    }

    /** A picture, sound, video or document with its caption. */
    record MediaContent(Media media) implements OutboundContent {
    }

    default boolean template() {
        return this instanceof Template;
    }

    /**
     * Nothing to show: no text, no media, no template. Such a message is never sent (a provider would refuse it or
     * deliver a blank bubble).
     */
    default boolean empty() {
        if (this instanceof Text t) return t.body() == null || t.body().isBlank();
        if (this instanceof InteractiveContent i) return isBlank(i.message().text()) && isBlank(i.message().header());
        if (this instanceof Template t) return isBlank(t.name());
        return isBlank(((MediaContent) this).media().url());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
