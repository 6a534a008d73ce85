package io.consentflow.benchmarks.load;

import java.nio.charset.StandardCharsets;

/**
 * Gupshup API v2 inbound-message callbacks, in the shapes of the project's samples
 * {@code bootstrap/src/test/resources/fixtures/gupshup/text.json} and {@code button-reply.json}, with the current
 * time as {@code timestamp} (Unix milliseconds).
 */
final class Payloads {
    private Payloads() {
    }

    static byte[] of(SimContact.Outgoing m, long nowMillis) {
        SimContact c = m.contact();
        String content = switch (m.step().type) {
            case "button_reply" -> "\"type\":\"button_reply\",\"payload\":{\"id\":\"postbackText\",\"reply\":\""
                    + m.step().text + " 1\",\"title\":\"" + m.step().text + "\"},\"context\":{\"gsId\":\"gs-"
                    + c.phone + "\",\"id\":\"ctx-" + c.phone + "\"}";
            default -> "\"type\":\"text\",\"payload\":{\"text\":\"" + m.step().text + "\"}";
        };
        String json = "{\"app\":\"ConsentflowLoad\",\"timestamp\":" + nowMillis + ",\"version\":2,\"type\":\"message\","
                + "\"payload\":{\"id\":\"" + m.providerId() + "\",\"source\":\"" + c.phone + "\"," + content
                + ",\"sender\":{\"phone\":\"" + c.phone + "\",\"name\":\"" + c.name + "\",\"country_code\":\"91\","
                + "\"dial_code\":\"" + c.phone.substring(2) + "\"}}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
