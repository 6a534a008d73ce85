package io.consentflow.adapter.http.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records read one at a time from a stream: fields separated by commas, quoted with {@code "} when they
 * hold a comma, a quote ({@code ""}) or a line break; lines end in CRLF or LF; a byte order mark is skipped. A record
 * longer than {@link #MAX_RECORD} characters is read to its end and returned as too long, so one bad line costs
 * no memory.
 */
final class CsvRecords {
    static final int MAX_RECORD = 64 * 1024;

    /** One record: its fields, its number (the first is 1), or a reason it cannot be read. */
    record Record(long number, List<String> fields, String unreadable) {
    }

    private final Reader in;
    private long number;
    private boolean first = true;
    private int peeked = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the stream. Blank lines are records with one empty field. */
    Record next() {
        try {
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') c = read();
            }
            if (c == -1) return null;
            number++;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int length = 0;
            boolean quoted = false;
            boolean wasQuoted = false;
            String unreadable = null;
            while (true) {
                if (c == -1) {
                    if (quoted) unreadable = "a quoted field is not closed";
                    break;
                }
                if (++length > MAX_RECORD && unreadable == null) {
                    unreadable = "longer than " + MAX_RECORD + " characters";
                    field.setLength(0);
                }
                if (quoted) {
                    if (c == '"') {
                        int n = read();
                        if (n == '"') append(field, '"', unreadable);
                        else {
                            quoted = false;
                            c = n;
                            continue;
                        }
                    } else {
                        append(field, (char) c, unreadable);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n') {
                    break;
                } else if (c == '\r') {
                    int n = read();
                    if (n != '\n') unread(n);
                    break;
                } else {
                    append(field, (char) c, unreadable);
                }
                c = read();
            }
            fields.add(field.toString());
            return unreadable == null ? new Record(number, fields, null) : new Record(number, List.of(), unreadable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(StringBuilder field, char c, String unreadable) {
        if (unreadable == null) field.append(c);
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }
}
