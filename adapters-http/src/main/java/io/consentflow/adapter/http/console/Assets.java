package io.consentflow.adapter.http.console;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's static files, read from the jar once: htmx (from its webjar) and our stylesheet. No build step, no
 * CDN: the console works where the service runs, offline included.
 */
final class Assets {
    private static final String HTMX_WEBJAR = "META-INF/resources/webjars/htmx.org/";

    private record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> files;

    Assets() {
        String htmx = HTMX_WEBJAR + webjarVersion("org.webjars.npm", "htmx.org") + "/dist/htmx.min.js";
        files = Map.of(
                "htmx.min.js", new Asset(read(htmx), "text/javascript; charset=utf-8"),
                "console.css", new Asset(read("io/consentflow/adapter/http/console/console.css"),
                        "text/css; charset=utf-8"));
    }

    void serve(Context ctx) {
        Asset asset = files.get(ctx.pathParam("file"));
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static String webjarVersion(String group, String artifact) {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("the console's file " + path + " is missing from the jar");
        return in;
    }
}
