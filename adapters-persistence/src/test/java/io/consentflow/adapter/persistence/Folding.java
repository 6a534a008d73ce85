package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.DashboardFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Changes run while folds run, two folds at a time (as two instances' schedulers would). */
final class Folding {
    private Folding() {
    }

    /** Runs each change on a thread of its own while two threads fold without pause; returns when all changes ended. */
    static void whileChanging(DashboardFigures figures, List<Callable<Void>> changes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(changes.size() + 2);
        AtomicBoolean changing = new AtomicBoolean(true);
        try {
            List<Future<Void>> work = new ArrayList<>();
            for (Callable<Void> change : changes) work.add(pool.submit(change));
            List<Future<?>> folders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                folders.add(pool.submit(() -> {
                    while (changing.get()) figures.fold();
                    return null;
                }));
            }
            for (Future<Void> w : work) w.get(60, TimeUnit.SECONDS);
            changing.set(false);
            for (Future<?> f : folders) f.get(30, TimeUnit.SECONDS); // a fold that failed fails the test
        } finally {
            changing.set(false);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) throw new IllegalStateException("folds did not stop");
        }
    }
}
