package io.consentflow.adapter.http.console;

import io.consentflow.adapter.http.support.Secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The console's sessions, in this instance's memory: a visitor gets one on the first page (so the sign-in form
 * has a CSRF token too), and signing in replaces it by a new one (a token seen before signing in is worth nothing
 * after). Signing out forgets it at once. Tokens are 256 random bits from the generator bootstrap hands in (a
 * {@code SecureRandom}). A restart signs everyone out.
 */
final class ConsoleSessions {
    static final Duration SIGNED_IN_FOR = Duration.ofHours(12);
    static final Duration ANONYMOUS_FOR = Duration.ofMinutes(30);
    /** More sessions than staff will ever have; beyond it expired and anonymous ones go first. */
    static final int MAX_SESSIONS = 10_000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final RandomGenerator random;
    private final Clock clock;

    ConsoleSessions(RandomGenerator random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** One visitor's session. Its simulator contact changes when the visitor starts the simulator again. */
    static final class Session {
        final String id;
        final String csrf;
        final boolean signedIn;
        final Instant expires;
        private volatile String simulatorPhone;

        private Session(String id, String csrf, boolean signedIn, Instant expires) {
            this.id = id;
            this.csrf = csrf;
            this.signedIn = signedIn;
            this.expires = expires;
        }

        String simulatorPhone() {
            return simulatorPhone;
        }

        void simulatorPhone(String phone) {
            simulatorPhone = phone;
        }

        /** The form's (or htmx's header) token is this session's. */
        boolean csrfMatches(String given) {
            return Secrets.matches(csrf, given);
        }
    }

    /** The session a cookie names, if it is still valid. */
    Session find(String id) {
        if (id == null) return null;
        Session s = sessions.get(id);
        if (s == null) return null;
        if (!clock.instant().isBefore(s.expires)) {
            sessions.remove(id);
            return null;
        }
        return s;
    }

    Session anonymous() {
        return create(false, ANONYMOUS_FOR);
    }

    /** A new signed-in session in place of {@code before}, which is forgotten. */
    Session signIn(Session before) {
        if (before != null) sessions.remove(before.id);
        return create(true, SIGNED_IN_FOR);
    }

    void signOut(Session session) {
        if (session != null) sessions.remove(session.id);
    }

    /** A number in the test range (country code 999): the simulator's contact, never delivered to. */
    String newTestPhone() {
        return "999" + String.format("%09d", Math.floorMod(random.nextLong(), 1_000_000_000L));
    }

    private Session create(boolean signedIn, Duration lifetime) {
        if (sessions.size() >= MAX_SESSIONS) evict();
        Session s = new Session(token(), token(), signedIn, clock.instant().plus(lifetime));
        sessions.put(s.id, s);
        return s;
    }

    private void evict() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expires));
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext() && sessions.size() >= MAX_SESSIONS; ) {
            if (!it.next().signedIn) it.remove();
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
