package io.consentflow.adapter.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A {@code flows} row: the definition text as imported and the trigger settings. The {@code Flow} is not built
 * here: {@link JdbiFlowCatalog} rebuilds it from the text through the flow format, once per change of the text.
 */
record FlowRow(String uuid, String definition, List<String> keywords, boolean ignoreKeywords, boolean active,
               Instant updatedAt) {

    static final String COLUMNS = "uuid, definition, keywords, ignore_keywords, active, updated_at";

    static FlowRow read(ResultSet rs) throws SQLException {
        Array keywords = rs.getArray("keywords");
        return new FlowRow(rs.getString("uuid"), rs.getString("definition"),
                keywords == null ? List.of() : List.of((String[]) keywords.getArray()),
                rs.getBoolean("ignore_keywords"), rs.getBoolean("active"), Times.instant(rs, "updated_at"));
    }
}
