package io.consentflow.adapter.http.admin;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.policy.OrgSettings;
import org.mapstruct.Mapper;

import java.util.List;

/**
 * Flows and settings to JSON. Flows by hand: {@link Flow} is a class with fluent accessors, which MapStruct
 * does not see as properties.
 */
@Mapper
interface FlowJsonMapper {

    SettingsJson toJson(OrgSettings settings);

    default FlowSummaryJson summary(StoredFlow stored) {
        Flow f = stored.flow();
        return new FlowSummaryJson(f.uuid(), f.name(), keywords(f), f.ignoreKeywords(), f.active());
    }

    default List<FlowSummaryJson> summaries(List<StoredFlow> stored) {
        return stored.stream().map(this::summary).toList();
    }

    default FlowImportedJson imported(StoredFlow stored, List<ImportWarning> warnings) {
        Flow f = stored.flow();
        return new FlowImportedJson(f.uuid(), f.name(), keywords(f), f.ignoreKeywords(), f.active(),
                warnings.stream().map(w -> new FlowImportedJson.Warning(w.path(), w.detail())).toList());
    }

    default FlowDetailJson detail(StoredFlow stored) {
        Flow f = stored.flow();
        return new FlowDetailJson(f.uuid(), f.name(), keywords(f), f.ignoreKeywords(), f.active(),
                stored.definitionJson());
    }

    private static List<String> keywords(Flow f) {
        return f.keywords().stream().map(Keyword::value).toList();
    }
}
