package io.consentflow.bootstrap.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Gupshup v2 callbacks in the shapes the provider posts (see the payload samples). */
public final class Gupshup {
    private Gupshup() {
    }

    public static String text(String phone, String id, String text) {
        ObjectNode inner = Http.JSON.createObjectNode().put("text", text);
        return message(phone, id, "text", inner);
    }

    public static String buttonReply(String phone, String id, String title) {
        ObjectNode inner = Http.JSON.createObjectNode().put("id", "postbackText").put("reply", title + " 1")
                .put("title", title);
        return message(phone, id, "button_reply", inner);
    }

    public static String userEvent(String phone, String type, long tsMillis) {
        ObjectNode root = Http.JSON.createObjectNode().put("app", "NgoBot").put("timestamp", tsMillis)
                .put("version", 2).put("type", "user-event");
        root.putObject("payload").put("phone", phone).put("type", type);
        return root.toString();
    }

    public static String message(String phone, String id, String type, ObjectNode inner) {
        ObjectNode root = Http.JSON.createObjectNode().put("app", "NgoBot")
                .put("timestamp", System.currentTimeMillis()).put("version", 2).put("type", "message");
        ObjectNode payload = root.putObject("payload").put("id", id).put("source", phone).put("type", type);
        payload.set("payload", inner);
        payload.putObject("sender").put("phone", phone).put("name", "Asha").put("country_code", "91")
                .put("dial_code", phone.substring(2));
        return root.toString();
    }

    public static String newId() {
        return "test-" + UUID.randomUUID();
    }

    public static String newPhone() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L) + 1_000_000_000L;
        return "91" + n;
    }
}
