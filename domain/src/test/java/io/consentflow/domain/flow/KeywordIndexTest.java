package io.consentflow.domain.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.keywordFlow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordIndexTest {
    private final Flow optout = keywordFlow(flowUuid(1), true, "optout", "stop");
    private final Flow news = keywordFlow(flowUuid(2), false, "news");

    @Test
    void theWholeNormalisedTextMustEqualAKeyword() {
        KeywordIndex index = KeywordIndex.of(List.of(optout, news));
        assertEquals(optout, index.match("Opt-Out!").orElseThrow());
        assertEquals(optout, index.match(" STOP ").orElseThrow());
        assertEquals(optout, index.match("opt out").orElseThrow());
        assertEquals(news, index.match("NEWS").orElseThrow());
        assertTrue(index.match("please stop").isEmpty());
        assertTrue(index.match("").isEmpty());
        assertTrue(index.match(null).isEmpty());
        assertEquals(3, index.size());
    }

    @Test
    void inactiveFlowsAreNotIndexed() {
        Flow inactive = news.withTriggers(news.keywords(), false, false);
        KeywordIndex index = KeywordIndex.of(List.of(inactive));
        assertTrue(index.match("news").isEmpty());
        assertEquals(0, index.size());
    }

    @Test
    void aConflictNamesBothFlows() {
        KeywordIndex index = KeywordIndex.of(List.of(optout, news));
        Flow candidate = keywordFlow(flowUuid(3), false, "Stop!", "other");
        KeywordIndex.KeywordConflict conflict = index.conflict(candidate).orElseThrow();
        assertEquals("stop", conflict.keyword().value());
        assertEquals(optout, conflict.owner());
        assertTrue(conflict.message().contains(optout.name()) && conflict.message().contains(candidate.name()),
                conflict.message());
        assertTrue(conflict.message().contains(flowUuid(1)) && conflict.message().contains(flowUuid(3)));
    }

    @Test
    void aFlowDoesNotConflictWithItselfNorWhenInactive() {
        KeywordIndex index = KeywordIndex.of(List.of(optout, news));
        Flow sameFlowEdited = keywordFlow(flowUuid(1), false, "stop", "quit");
        assertFalse(index.conflict(sameFlowEdited).isPresent());
        Flow inactiveCandidate = keywordFlow(flowUuid(4), false, "news").withTriggers(news.keywords(), false, false);
        assertFalse(index.conflict(inactiveCandidate).isPresent());
        assertFalse(index.conflict(keywordFlow(flowUuid(5), false, "fresh")).isPresent());
    }

    @Test
    void duplicateKeywordsOfOneFlowCollapse() {
        Flow f = keywordFlow(flowUuid(6), false, "Stop", "STOP!", "stop");
        assertEquals(1, f.keywords().size());
        assertTrue(f.hasKeyword("stop"));
    }
}
