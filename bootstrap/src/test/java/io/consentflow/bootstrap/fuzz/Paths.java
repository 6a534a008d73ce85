package io.consentflow.bootstrap.fuzz;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Path segments and query strings: %-encoding them cleanly, and decoding them as the service should. */
final class Paths {
    private Paths() {
    }

    /** Every byte of the UTF-8 form %-encoded except RFC 3986's unreserved characters. */
    static String encode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Whether a segment encodes and decodes cleanly: valid UTF-16 (no unpaired surrogate, so it has a UTF-8 form),
     * not empty, not a dot segment, no {@code /}, no NUL or other control characters (servers refuse those in paths
     * before any route sees them).
     */
    static boolean clean(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")
                || segment.contains("\\") || segment.contains(";")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f) return false;
            if (Character.isHighSurrogate(c) && i + 1 < segment.length() && Character.isLowSurrogate(segment.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A query string decoded as application/x-www-form-urlencoded UTF-8; pairs that do not decode are skipped. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                // not decodable: not a parameter anyone reads
            }
        }
        return out;
    }
}
