package io.consentflow.domain.message;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A picture, sound, video or document, sent or received: its kind as the message type ({@code IMAGE},
 * {@code AUDIO}, {@code VIDEO}, {@code FILE} for documents, {@code STICKER} inbound only), where it is, and the
 * text shown with it.
 *
 * @param url     where the provider fetches it (outbound) or where the provider put it (inbound); for a Meta
 *                callback that names no URL, the Graph API's media id
 * @param caption the text shown with it; empty for none
 */
public record Media(MessageType type, String url, String caption) {
    public Media {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        if (!isMedia(type)) throw new IllegalArgumentException("not a media type: " + type);
        caption = caption == null ? "" : caption;
    }

    public static boolean isMedia(MessageType type) {
        return switch (type) {
            case IMAGE, AUDIO, VIDEO, FILE, STICKER -> true;
            default -> false;
        };
    }

    /**
     * A flow's attachment as goflow writes it, {@code <kind>:<url>}: the kind is {@code image}, {@code audio},
     * {@code video}, {@code document} or {@code application}, or a content type such as {@code image/jpeg}
     * (only its part before the slash counts). Empty when it names no known kind or no URL: such an attachment
     * is not sent.
     */
    public static Optional<Media> fromAttachment(String attachment, String caption) {
        if (attachment == null) return Optional.empty();
        int colon = attachment.indexOf(':');
        if (colon <= 0) return Optional.empty();
        String kind = attachment.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        int slash = kind.indexOf('/');
        if (slash >= 0) kind = kind.substring(0, slash);
        String url = attachment.substring(colon + 1).trim();
        if (url.isEmpty()) return Optional.empty();
        MessageType type = switch (kind) {
            case "image" -> MessageType.IMAGE;
            case "audio" -> MessageType.AUDIO;
            case "video" -> MessageType.VIDEO;
            case "document", "application", "file" -> MessageType.FILE;
            default -> null;
        };
        return type == null ? Optional.empty() : Optional.of(new Media(type, url, caption));
    }
}
