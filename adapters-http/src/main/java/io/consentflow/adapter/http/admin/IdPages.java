package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.javalin.http.Context;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Pages of a list kept in id order (tickets, broadcasts: time-ordered ids), as the flow list pages: {@code limit}
 * (default 100, at most 1,000), {@code cursor} the last id of the page before, the next page in {@code Link} and
 * {@code X-Next-Cursor}.
 */
final class IdPages {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private IdPages() {
    }

    static int limit(Context ctx) {
        String raw = QueryParams.first(ctx, "limit");
        if (raw == null || raw.isEmpty()) return DEFAULT_PAGE;
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_PAGE);
        }
        return Integer.parseInt(raw);
    }

    /** The id after which the page starts, null for the first page; {@code what} names the ids ("ticket"). */
    static UUID after(Context ctx, String what) {
        String cursor = QueryParams.first(ctx, "cursor");
        if (cursor == null || cursor.isEmpty()) return null;
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "cursor must be a " + what + " id from the previous page");
        }
    }

    /**
     * The page out of {@code found} (asked for {@code limit + 1}, the one more telling whether a next page exists),
     * with the next page's headers set when there is one.
     */
    static <T> List<T> page(Context ctx, String path, int limit, List<T> found, Function<T, UUID> id) {
        if (found.size() <= limit) return found;
        List<T> page = found.subList(0, limit);
        String next = id.apply(page.get(page.size() - 1)).toString();
        ctx.header("Link", "<" + path + "?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
        ctx.header("X-Next-Cursor", next);
        return page;
    }
}
