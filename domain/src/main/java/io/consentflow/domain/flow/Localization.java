package io.consentflow.domain.flow;

import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.message.Interactive;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A flow's texts in other languages than the one it was written in, by the uuid of the action or case whose texts
 * they replace, as the flow editor keeps them ({@code localization}), already read into what the engine uses: a
 * message's texts, an interactive message, a case's test on the translated arguments. A contact whose language has
 * a translation of an item gets it; anyone else, and whatever a translation leaves out, gets the flow as written.
 */
public final class Localization {
    public static final Localization NONE = new Localization(null, Map.of(), List.of());

    /** One item's translation into one language. */
    public sealed interface Translation permits Message, InteractiveMessage, Arguments {
    }

    /**
     * A {@code send_msg}'s texts; each is null when not translated (an empty list of quick replies or attachments
     * is none, as goflow reads it, and so is a blank text: a missing translation never empties a message).
     */
    public record Message(String text, List<String> quickReplies, List<String> attachments) implements Translation {
        /** Nothing translated: every text as written. */
        public static final Message NONE = new Message(null, null, null);

        public Message {
            text = text == null || text.isBlank() ? null : text;
            quickReplies = quickReplies == null || quickReplies.isEmpty() ? null : List.copyOf(quickReplies);
            attachments = attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments);
        }

        public String textOr(String authored) {
            return text == null ? authored : text;
        }

        public List<String> quickRepliesOr(List<String> authored) {
            return quickReplies == null ? authored : quickReplies;
        }

        public List<String> attachmentsOr(List<String> authored) {
            return attachments == null ? authored : attachments;
        }
    }

    /** A {@code send_interactive_msg}'s whole message in the other language. */
    public record InteractiveMessage(Interactive message) implements Translation {
        public InteractiveMessage {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A case's test on its translated arguments: a Hindi contact's reply is matched against the Hindi words. */
    public record Arguments(CaseTest test) implements Translation {
        public Arguments {
            Objects.requireNonNull(test, "test");
        }
    }

    private final Language written;
    private final Map<Language, Map<String, Translation>> byLanguage;
    private final List<String> unknownKeys;

    public Localization(Language written, Map<Language, Map<String, Translation>> byLanguage) {
        this(written, byLanguage, List.of());
    }

    /**
     * @param written     the language the flow is written in (its texts need no translation for it), or null
     * @param byLanguage  each language's translations by item uuid
     * @param unknownKeys the flow's language keys that name no language: their translations reach nobody
     */
    public Localization(Language written, Map<Language, Map<String, Translation>> byLanguage,
                        List<String> unknownKeys) {
        this.written = written;
        this.unknownKeys = List.copyOf(unknownKeys);
        Map<Language, Map<String, Translation>> copy = new HashMap<>();
        byLanguage.forEach((language, items) -> {
            if (!items.isEmpty()) copy.put(language, Map.copyOf(items));
        });
        this.byLanguage = Map.copyOf(copy);
    }

    /** The translation of item {@code uuid} into {@code language} if it is of {@code kind}; empty for none. */
    public <T extends Translation> Optional<T> find(Language language, String uuid, Class<T> kind) {
        if (language == null || language.equals(written)) return Optional.empty();
        Map<String, Translation> items = byLanguage.get(language);
        if (items == null) return Optional.empty();
        Translation t = items.get(uuid);
        return kind.isInstance(t) ? Optional.of(kind.cast(t)) : Optional.empty();
    }

    /** The languages the flow has translations for. */
    public Set<Language> languages() {
        return byLanguage.keySet();
    }

    /** The flow's language keys that name no language (what an import may warn about). */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /** No translations at all: nothing to look up for anyone. */
    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    public Optional<Language> written() {
        return Optional.ofNullable(written);
    }
}
