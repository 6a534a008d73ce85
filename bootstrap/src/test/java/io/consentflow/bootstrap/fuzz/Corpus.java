package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The seed corpus: the provider samples under {@code src/test/resources/fixtures/<dir>/} and the flow export there. */
final class Corpus {
    private Corpus() {
    }

    /** File name to parsed JSON, in name order (so a seed picks the same seeds every run). */
    static Map<String, JsonNode> dir(String dir) {
        URL url = Corpus.class.getClassLoader().getResource("fixtures/" + dir);
        if (url == null) throw new IllegalStateException("no corpus fixtures/" + dir);
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Path> list = new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).toList());
            for (Path p : list) out.put(p.getFileName().toString(), Spec.STRICT.readTree(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static byte[] resource(String path) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("no resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        try {
            return Spec.STRICT.readTree(resource(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
