package org.defrost.study.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranking and choosing sources from hand-made predictions. */
class SourceRankingTest {
    private static SourceRanking.Entry e(String target, int n, String source, double error) {
        return new SourceRanking.Entry(target, 0, n, source, error, 1, "random", Double.NaN);
    }

    @Test
    void sourcesAreRankedPerTargetAndSizeAndTheMostOftenFirstIsChosen() {
        SourceRanking ranking = new SourceRanking(List.of(
                e("t1", 50, "a", 0.20), e("t1", 50, "b", 0.10),
                e("t2", 50, "a", 0.30), e("t2", 50, "b", 0.25),
                e("t3", 50, "a", 0.05), e("t3", 50, "b", 0.40),
                e("t1", 500, "a", 0.08), e("t1", 500, "b", 0.09)));
        assertEquals(4, ranking.groups().size());
        assertEquals("b", ranking.groups().get(0).get(0).source());
        // n = 50: b first for t1 and t2, a for t3 (and a has the lower mean error: the count decides).
        assertEquals(Map.of(50, "b", 500, "a"), ranking.choice());
        List<Map<String, Object>> rows = ranking.rows();
        assertEquals(8, rows.size());
        assertEquals(1, rows.get(0).get("rank"));
        assertTrue(ranking.summary().contains("n=50: use b (ranked first for 2 of 3 targets)"), ranking.summary());
    }

    @Test
    void aTargetWithOneSourceHasNothingToRank() {
        SourceRanking ranking = new SourceRanking(List.of(e("t1", 50, "a", 0.2), e("t2", 50, "b", 0.1)));
        assertTrue(ranking.isEmpty());
    }
}
