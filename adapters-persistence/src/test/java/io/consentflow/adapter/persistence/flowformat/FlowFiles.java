package io.consentflow.adapter.persistence.flowformat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test flows in src/test/resources/fixtures/flows. */
public final class FlowFiles {
    private FlowFiles() {
    }

    public static String read(String name) {
        try (InputStream in = FlowFiles.class.getResourceAsStream("/fixtures/flows/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test flow " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
