package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.javalin.http.Context;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact CSV as uploaded: the body itself ({@code text/csv}, UTF-8) or the first file of a
 * {@code multipart/form-data} form. The body is first copied to a temporary file (owner-only, deleted on close):
 * a request's body must arrive within the server's body timeout (SlowBodyGuard), while importing a long file takes
 * longer than that; from the file, rows are read one at a time, so memory stays flat whatever its length.
 */
final class ImportUpload implements AutoCloseable {
    static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final Pattern PARAM = Pattern.compile(";\\s*([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._ -]");

    private final List<Path> files = new ArrayList<>();
    private Path csv;
    private String fileName;

    private ImportUpload() {
    }

    static ImportUpload read(Context ctx) {
        ImportUpload upload = new ImportUpload();
        try {
            upload.receive(ctx);
            upload.requireUtf8();
            return upload;
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        } catch (IOException e) {
            upload.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The file's name as the client gave it (its last path segment, plain characters only). */
    String fileName() {
        return fileName;
    }

    Reader reader() {
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new BufferedReader(new InputStreamReader(Files.newInputStream(csv), utf8), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void receive(Context ctx) throws IOException {
        String header = ctx.header("Content-Type");
        String type = header == null ? "text/csv" : header.split(";")[0].strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "text/csv", "application/csv", "text/plain" -> {
                String charset = param(header, "charset");
                if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new ProblemException(Problem.of(415, "the import reads CSV in UTF-8 only, not charset "
                            + clip(charset)).withField("Content-Type"));
                }
                csv = spool(ctx.req().getInputStream());
                String given = QueryParams.first(ctx, "filename");
                fileName = safeName(given == null ? "upload.csv" : given);
            }
            case "multipart/form-data" -> {
                String boundary = param(header, "boundary");
                if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                    throw ProblemException.badRequest("Content-Type", "a multipart upload needs its boundary");
                }
                Path form = spool(ctx.req().getInputStream());
                csv = newFile();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(form));
                     OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(csv))) {
                    fileName = safeName(Multipart.firstFile(in, boundary, out));
                }
            }
            default -> throw new ProblemException(Problem.of(415, "the import takes text/csv or a multipart/form-data "
                    + "upload, not " + clip(type)).withField("Content-Type"));
        }
    }

    /** A file that is not UTF-8 is refused before any row is imported (a spreadsheet saved as Latin-1, say). */
    private void requireUtf8() throws IOException {
        try (Reader r = reader()) {
            char[] sink = new char[8192];
            while (r.read(sink) >= 0) {
                // decoding is the check
            }
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "the CSV is not UTF-8 text (save it as CSV UTF-8)");
        }
    }

    private Path spool(InputStream in) throws IOException {
        Path file = newFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new ProblemException(Problem.of(413, "an import is at most " + MAX_BYTES + " bytes"));
                }
                out.write(buffer, 0, n);
            }
        }
        return file;
    }

    private Path newFile() throws IOException {
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("consentflow-import", ".csv",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("consentflow-import", ".csv");
        files.add(file);
        return file;
    }

    static String param(String header, String name) {
        if (header == null) return null;
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) return m.group(3) != null ? m.group(3) : m.group(2);
        }
        return null;
    }

    static String safeName(String given) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = UNSAFE_NAME.matcher(name.substring(slash + 1)).replaceAll("_").strip();
        if (name.length() > 100) name = name.substring(0, 100);
        return name.isEmpty() ? "upload.csv" : name;
    }

    private static String clip(String s) {
        String clipped = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return "'" + clipped.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    @Override
    public void close() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a temporary file left behind is the OS's to clean
            }
        }
    }

    /** The first file part of a multipart/form-data body (RFC 7578), copied as it streams by. */
    static final class Multipart {
        private Multipart() {
        }

        /** Copies the first part that has a file name (or is named {@code file}) to {@code out}; its file name. */
        static String firstFile(InputStream body, String boundary, OutputStream out) throws IOException {
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            // the body begins with the first delimiter, without its CRLF: put one before it
            InputStream in = new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(new byte[]{'\r', '\n'}), body);
            if (!copyUntil(in, delimiter, OutputStream.nullOutputStream())) throw notMultipart();
            while (true) {
                int a = in.read();
                int b = in.read();
                if (a == '-' && b == '-') break;
                if (a != '\r' || b != '\n') throw notMultipart();
                String disposition = null;
                String line;
                int lines = 0;
                while (!(line = headerLine(in)).isEmpty()) {
                    if (++lines > 32) throw notMultipart();
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) disposition = line;
                }
                String filename = param(disposition, "filename");
                String name = param(disposition, "name");
                if (filename != null || "file".equals(name)) {
                    if (!copyUntil(in, delimiter, out)) throw notMultipart();
                    return filename == null ? "upload.csv" : filename;
                }
                if (!copyUntil(in, delimiter, OutputStream.nullOutputStream())) throw notMultipart();
            }
            throw ProblemException.badRequest("file", "the upload has no file part (a form field named file)");
        }

        /** Copies bytes until the delimiter (not copied); false when the stream ends first. */
        private static boolean copyUntil(InputStream in, byte[] delimiter, OutputStream out) throws IOException {
            byte[] pending = new byte[delimiter.length];
            int matched = 0;
            int c;
            while ((c = in.read()) != -1) {
                pending[matched++] = (byte) c;
                // shift out what can no longer begin the delimiter
                while (matched > 0 && !isPrefix(pending, matched, delimiter)) {
                    out.write(pending[0]);
                    System.arraycopy(pending, 1, pending, 0, --matched);
                }
                if (matched == delimiter.length) return true;
            }
            out.write(pending, 0, matched);
            return false;
        }

        private static boolean isPrefix(byte[] pending, int length, byte[] delimiter) {
            for (int i = 0; i < length; i++) if (pending[i] != delimiter[i]) return false;
            return true;
        }

        private static String headerLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\r') {
                    int n = in.read();
                    if (n == '\n') return line.toString(StandardCharsets.UTF_8);
                    line.write(c);
                    c = n;
                    if (c == -1) break;
                }
                if (line.size() > 8192) throw notMultipart();
                line.write(c);
            }
            throw notMultipart();
        }

        private static ProblemException notMultipart() {
            return ProblemException.badRequest("body", "the upload is not a readable multipart/form-data body");
        }
    }
}
