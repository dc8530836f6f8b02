package org.defrost.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.report.ResultArtifact;
import org.defrost.report.model.DepthNames;
import org.defrost.report.model.SimilarityResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/** The similarity charts name blocks on their axes for a block network and keep layer indices otherwise. */
class SimilarityChartsTest {
    private static final DepthNames BLOCKS = new DepthNames(List.of("conv block 1", "conv block 2", "dense block 3"));

    @TempDir
    Path dir;
    private SimilarityResults results;

    @BeforeEach
    void write() throws IOException {
        StringBuilder profile = new StringBuilder("probe,measure,layer,mean,stderr\n");
        StringBuilder matrix = new StringBuilder("probe,measure,sourceLayer,targetLayer,value\n");
        for (int i = 0; i <= 3; i++) {
            profile.append("target,linear-cka,").append(i).append(',').append(1 - 0.2 * i).append(",0.01\n");
            for (int j = 0; j <= 3; j++) {
                matrix.append("target,linear-cka,").append(i).append(',').append(j).append(',')
                        .append(1 - 0.1 * (i + j)).append('\n');
            }
        }
        Files.writeString(dir.resolve("profile-summary.csv"), profile);
        Files.writeString(dir.resolve("layer-matrices.csv"), matrix);
        results = SimilarityResults.load(List.of(new ResultArtifact("s", Map.of(), dir,
                Map.of("measures", List.of("linear-cka"), "hiddenLayers", 3))));
    }

    @Test
    void profileOfABlockNetworkLabelsItsAxisWithBlockNames() {
        XYChart chart = SimilarityCharts.profileChart(results, "target", "linear-cka", Map.of(), BLOCKS).orElseThrow();
        assertEquals("block (0 = input)", chart.getXAxisTitle());
        assertEquals("conv 2", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(2.0));
        assertEquals("input", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.0));
    }

    @Test
    void profileOfADenseNetworkKeepsLayerIndices() {
        XYChart chart = SimilarityCharts.profileChart(results, "target", "linear-cka", Map.of(), DepthNames.LAYERS)
                .orElseThrow();
        assertEquals("layer i (0 = input)", chart.getXAxisTitle());
        assertNull(chart.getStyler().getxAxisTickLabelsFormattingFunction());
    }

    @Test
    void layerMatrixOfABlockNetworkHasOneNamedRowAndColumnPerBlock() {
        HeatMapChart chart = SimilarityCharts.layerMatrixChart(results.cells().get(0), "target", "linear-cka", 0, 1,
                BLOCKS).orElseThrow();
        assertEquals("block of S (source)", chart.getXAxisTitle());
        assertEquals("block of T* (target)", chart.getYAxisTitle());
        List<?> expected = List.of("input", "conv 1", "conv 2", "dense 3");
        assertEquals(expected, List.copyOf(chart.getSeriesMap().get("linear-cka").getXData()));
        assertEquals(expected, List.copyOf(chart.getSeriesMap().get("linear-cka").getYData()));

        HeatMapChart dense = SimilarityCharts.layerMatrixChart(results.cells().get(0), "target", "linear-cka", 0, 1,
                DepthNames.LAYERS).orElseThrow();
        assertEquals("layer of S (source)", dense.getXAxisTitle());
        assertEquals(List.of("0", "1", "2", "3"), List.copyOf(dense.getSeriesMap().get("linear-cka").getXData()));
    }
}
