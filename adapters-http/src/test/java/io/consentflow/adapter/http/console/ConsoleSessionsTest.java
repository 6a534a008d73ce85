package io.consentflow.adapter.http.console;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSessionsTest {
    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Moving clock = new Moving();
    final ConsoleSessions sessions = new ConsoleSessions(new SplittableRandom(7), clock);

    @Test
    void signingInReplacesTheAnonymousSessionAndSigningOutForgetsIt() {
        ConsoleSessions.Session anonymous = sessions.anonymous();
        assertFalse(anonymous.signedIn);
        assertSame(anonymous, sessions.find(anonymous.id));
        ConsoleSessions.Session signedIn = sessions.signIn(anonymous);
        assertTrue(signedIn.signedIn);
        assertNotEquals(anonymous.id, signedIn.id);
        assertNotEquals(anonymous.csrf, signedIn.csrf);
        assertNull(sessions.find(anonymous.id), "the token seen before signing in is worth nothing");
        sessions.signOut(signedIn);
        assertNull(sessions.find(signedIn.id));
    }

    @Test
    void sessionsEndAfterTheirTime() {
        ConsoleSessions.Session anonymous = sessions.anonymous();
        ConsoleSessions.Session signedIn = sessions.signIn(null);
        clock.now = clock.now.plus(ConsoleSessions.ANONYMOUS_FOR);
        assertNull(sessions.find(anonymous.id));
        assertSame(signedIn, sessions.find(signedIn.id));
        clock.now = clock.now.plus(ConsoleSessions.SIGNED_IN_FOR).minus(ConsoleSessions.ANONYMOUS_FOR)
                .minus(Duration.ofSeconds(1));
        assertSame(signedIn, sessions.find(signedIn.id));
        clock.now = clock.now.plusSeconds(1);
        assertNull(sessions.find(signedIn.id));
    }

    @Test
    void tokensAre256BitsAndTheCsrfCheckWantsTheSessionsOwn() {
        ConsoleSessions.Session s = sessions.anonymous();
        assertEquals(43, s.id.length()); // 32 bytes, base64url without padding
        assertTrue(s.csrfMatches(s.csrf));
        assertFalse(s.csrfMatches(null));
        assertFalse(s.csrfMatches(sessions.anonymous().csrf));
    }

    @Test
    void aFloodOfAnonymousVisitorsCannotPushSignedInStaffOut() {
        ConsoleSessions.Session staff = sessions.signIn(null);
        for (int i = 0; i < ConsoleSessions.MAX_SESSIONS + 10; i++) sessions.anonymous();
        assertSame(staff, sessions.find(staff.id));
    }

    @Test
    void testPhonesAreInCountryCode999() {
        for (int i = 0; i < 100; i++) {
            String phone = sessions.newTestPhone();
            assertTrue(phone.matches("999[0-9]{9}"), phone);
            assertTrue(io.consentflow.domain.contact.Phone.parse(phone).test());
        }
    }
}
