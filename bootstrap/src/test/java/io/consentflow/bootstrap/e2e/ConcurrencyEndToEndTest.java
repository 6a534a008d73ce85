package io.consentflow.bootstrap.e2e;

import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.bootstrap.support.RunningService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database, hundreds of concurrent deliveries spread over a few contacts: each contact's
 * messages are applied one at a time and each provider id has one effect, whichever instance gets it.
 */
class ConcurrencyEndToEndTest {
    static final int CONTACTS = 4;
    static final int PER_CONTACT = 60;

    @Test
    void twoInstancesApplyEachContactsMessagesOneAtATime() throws Exception {
        try (RunningService a = RunningService.fresh(); RunningService b = a.secondInstance()) {
            ServiceFixture.importConsentFlows(a.http);
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) phones.add(Gupshup.newPhone());

            // Every message is the opt-in keyword: each one interrupts the run the previous one started and
            // starts a new one. Applied one at a time, the first three ask the question and every later one
            // meets Glific's loop rule (a fourth copy within six hours) and ends at once: three questions, no
            // active run. Two applied at once would both see the same active run and the same two copies sent,
            // and both would ask.
            List<Callable<Integer>> calls = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (String phone : phones) {
                for (int i = 0; i < PER_CONTACT; i++) {
                    String id = Gupshup.newId();
                    String body = Gupshup.text(phone, id, "optin");
                    Http target = i % 2 == 0 ? a.http : b.http;
                    calls.add(() -> {
                        go.await();
                        return target.post("/webhooks/gupshup", body).status();
                    });
                    if (i % 10 == 0) {
                        // the same delivery to both instances at once: one effect
                        Http other = target == a.http ? b.http : a.http;
                        calls.add(() -> {
                            go.await();
                            return other.post("/webhooks/gupshup", body).status();
                        });
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> c : calls) results.add(pool.submit(c));
            go.countDown();
            for (Future<Integer> f : results) assertEquals(200, f.get(60, TimeUnit.SECONDS));
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

            for (String phone : phones) {
                String where = " WHERE phone = '" + phone + "'";
                assertEquals(PER_CONTACT, a.db.queryInt("SELECT count(*) FROM messages" + where + " AND direction = 'inbound'"),
                        "each delivery stored once");
                assertEquals(3, a.db.queryInt("SELECT count(*) FROM messages" + where + " AND direction = 'outbound'"),
                        "the question three times, never a fourth");
                assertEquals(PER_CONTACT, a.db.queryInt("SELECT count(*) FROM runs" + where));
                assertEquals(0, a.db.queryInt("SELECT count(*) FROM runs" + where + " AND status = 'active'"));
                assertEquals(3, a.db.queryInt("SELECT count(*) FROM runs" + where
                        + " AND status = 'interrupted' AND end_reason IS NULL"), "the three that asked, each by the next");
                assertEquals(PER_CONTACT - 3, a.db.queryInt("SELECT count(*) FROM runs" + where
                        + " AND status = 'interrupted' AND end_reason = 'loop_detected'"));
            }
        }
    }
}
