package io.consentflow.application.port.out;

import io.consentflow.domain.flow.StoredFlow;

import java.util.List;
import java.util.Optional;

/** Imported flows. */
public interface FlowStore {
    /**
     * Inside a transaction: serialises flow changes across instances (a row lock) and bumps the catalogue
     * version, so keyword uniqueness is checked against a stable set.
     */
    long lockForChange();

    /** Inserts or replaces by uuid. */
    void save(StoredFlow flow);

    Optional<StoredFlow> find(String uuid);

    List<StoredFlow> all();

    boolean delete(String uuid);

    /** Changes whenever any flow changes; lets instances keep a parsed cache. */
    long version();
}
