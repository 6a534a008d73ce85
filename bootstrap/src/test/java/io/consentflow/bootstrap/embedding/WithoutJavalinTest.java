package io.consentflow.bootstrap.embedding;

import io.consentflow.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Javalin is an optional dependency: a host without it builds the engine, calls it, starts and closes it, and
 * nothing of the facade reaches for Javalin or Jetty on the way.
 */
class WithoutJavalinTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.empty();

    @Test
    void anEngineWithoutHttpNeverLoadsJavalin() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] withoutJavalin = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("javalin") && !entry.contains("jetty"))
                .map(WithoutJavalinTest::url).toArray(URL[]::new);
        try (URLClassLoader plain = new URLClassLoader(withoutJavalin, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.javalin.Javalin", false, plain));
            // as in a host's JVM, libraries that look at the context class loader find this one
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(plain);
            try {
                Class<?> host = Class.forName(PlainHost.class.getName(), true, plain);
                Object name = host.getMethod("run", String.class, String.class, String.class)
                        .invoke(null, db.url(), db.user(), db.password());
                assertEquals("Meena", name);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
