package io.consentflow.bootstrap.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Sends fuzz cases to 127.0.0.1 only, over HTTP/1.1 with kept-alive connections: by default one socket per client
 * thread, reused from request to request (a thin client: on two cores the fuzzer must not eat the service's CPU);
 * with {@code -Dfuzz.client=jdk} one shared {@link HttpClient}. A request line {@link URI} would refuse, or a large
 * body, goes over a connection of its own, byte for byte.
 */
final class FuzzHttp implements AutoCloseable {
    private static final boolean JDK = "jdk".equals(System.getProperty("fuzz.client"));
    private final int port;
    private final HttpClient client;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final java.util.Set<Connection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    FuzzHttp(int port) {
        this.port = port;
        this.client = !JDK ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "fuzz-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    FuzzReply send(FuzzCase c) throws IOException, InterruptedException {
        // a large body (or a target too long to be read) goes over a socket written by one thread and read by
        // another: a server may answer (413, 414) and close before it has read it all, and a client that only reads
        // once it has written everything would miss that answer
        if (c.raw() || (c.body() != null && c.body().length > 256 * 1024) || c.target().length() > 6_000) return sendRaw(c);
        URI uri;
        try {
            uri = URI.create("http://127.0.0.1:" + port + c.target());
        } catch (IllegalArgumentException e) {
            return sendRaw(c);
        }
        return JDK ? sendClient(c, uri) : sendKeptAlive(c, uri);
    }

    private FuzzReply sendClient(FuzzCase c, URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(b::header);
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new FuzzReply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    // ---- kept-alive sockets --------------------------------------------------------------------------------

    private static final class Connection {
        final Socket socket;
        final BufferedInputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private FuzzReply sendKeptAlive(FuzzCase c, URI uri) throws IOException {
        byte[] request = request(c, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), false);
        for (int attempt = 0; ; attempt++) {
            Connection conn = connections.get();
            boolean fresh = conn == null;
            if (fresh) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(60_000);
                s.setTcpNoDelay(true);
                conn = new Connection(s);
                connections.set(conn);
                open.add(conn);
            }
            try {
                conn.out.write(request);
                conn.out.flush();
                Parsed p = read(conn.in);
                if (p.close) drop(conn);
                return p.reply;
            } catch (IOException e) {
                drop(conn);
                // a kept-alive connection the server has closed meanwhile fails before any byte: try a fresh one
                if (fresh || attempt > 0 || !(e instanceof EOFException || e instanceof java.net.SocketException)) throw e;
            }
        }
    }

    private void drop(Connection conn) {
        conn.close();
        open.remove(conn);
        connections.remove();
    }

    private static byte[] request(FuzzCase c, String target, boolean close) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream(256 + (c.body() == null ? 0 : c.body().length));
        req.write((c.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
        // the target's chars are sent as UTF-8 unless they are all below 256 (then as the bytes they name)
        req.write(rawBytes(target));
        req.write((" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : ""))
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            req.write((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean declared = c.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length"));
        if (c.body() != null && !declared) {
            req.write(("Content-Length: " + c.body().length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        req.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (c.body() != null) req.write(c.body());
        return req.toByteArray();
    }

    private record Parsed(FuzzReply reply, boolean close) {
    }

    /** One answer from a kept-alive stream: status line, headers, a Content-Length, chunked or to-close body. */
    private static Parsed read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new EOFException("connection closed before an answer");
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; (l = line(in)) != null && !l.isEmpty(); ) {
            int colon = l.indexOf(':');
            if (colon > 0) headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        if (status == 100) return read(in); // an interim answer: the final one follows
        boolean close = "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        byte[] body;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) throw new EOFException("chunked body ended early");
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (true) {
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) break;
                    }
                    break;
                }
                out.write(in.readNBytes(n));
                line(in);
            }
            body = out.toByteArray();
        } else if (headers.containsKey("content-length")) {
            int n = Integer.parseInt(headers.get("content-length"));
            body = in.readNBytes(n);
            if (body.length < n) throw new EOFException("body ended early");
        } else {
            body = in.readAllBytes();
            close = true;
        }
        return new Parsed(new FuzzReply(status, headers.getOrDefault("content-type", ""), body), close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') return sb.toString();
            if (ch != '\r') sb.append((char) ch);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    // ---- one connection per request ------------------------------------------------------------------------

    /** One request per connection, written byte for byte by one thread while another reads the answer. */
    private FuzzReply sendRaw(FuzzCase c) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            byte[] all = request(c, c.target(), true);
            if (all.length <= 64 * 1024 && c.target().length() <= 6_000) {
                out.write(all);
                out.flush();
                // a body shorter than the Content-Length the case declares: the client stops sending there
                if (c.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length"))) s.shutdownOutput();
                return read(new BufferedInputStream(s.getInputStream())).reply;
            }
            Thread writer = new Thread(() -> {
                try {
                    out.write(all);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before taking the whole body: its answer is what counts
                }
            }, "fuzz-raw-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                return read(new BufferedInputStream(s.getInputStream())).reply;
            } finally {
                writer.interrupt();
            }
        }
    }

    static byte[] rawBytes(String target) {
        boolean latin1 = target.chars().allMatch(ch -> ch < 256);
        return target.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        open.forEach(Connection::close);
        open.clear();
        // the JDK client (Java 17) has nothing to close; its threads are daemons
    }
}
