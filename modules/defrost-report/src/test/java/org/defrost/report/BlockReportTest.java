package org.defrost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report on a block (convolutional) source network names blocks everywhere depths are shown; a dense one names layers. */
class BlockReportTest {
    private static final List<String> BLOCKS = List.of("conv block 1", "conv block 2", "dense block 3");

    @TempDir
    Path dir;

    private Path generate(List<String> blockNames) throws IOException {
        ReportInputs inputs = Fixtures.inputs(dir.resolve("in"), Fixtures.SMALL, true, false, false, blockNames);
        Path out = dir.resolve("out");
        ReportGenerator.generate(inputs, new ReportOptions("Fixture study", false), out);
        return out;
    }

    /** The HTML of one section, from its opening tag to the next section. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start >= 0, id);
        int end = html.indexOf("<section", start + 1);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void similaritySectionsAndTablesOfABlockNetworkNameBlocks() throws IOException {
        Path out = generate(BLOCKS);
        String html = Files.readString(out.resolve("report.html"));
        for (String id : List.of("similarity-profiles", "similarity-vs-depth", "layer-matrices")) {
            String s = section(html, id);
            assertFalse(s.contains("layer i") || s.contains("every layer") || s.contains("hidden layers"), id + ": " + s);
        }
        assertTrue(section(html, "similarity-profiles").contains("per block"));
        assertTrue(section(html, "similarity-profiles").contains("1 = conv block 1, 2 = conv block 2, 3 = dense block 3"));
        assertTrue(section(html, "layer-matrices").contains("Block × block similarity"));
        assertTrue(section(html, "layer-matrices").contains("alt=\"Block by block linear-cka"));
        assertTrue(section(html, "error-vs-depth").contains("blocks 1..ℓ copied"));

        Table profiles = Table.read(out.resolve("tables/similarity-profiles.csv"));
        assertEquals(profiles.columns().indexOf("layer") + 1, profiles.columns().indexOf("block"));
        for (Map<String, String> r : profiles.rows()) {
            int layer = Table.integer(r, "layer");
            assertEquals(layer == 0 ? "input" : BLOCKS.get(layer - 1), r.get("block"));
        }
        Table matrices = Table.read(out.resolve("tables/layer-matrices.csv"));
        assertTrue(matrices.rows().stream().allMatch(r -> r.get("sourceBlock").equals(Table.integer(r, "sourceLayer") == 0
                ? "input" : BLOCKS.get(Table.integer(r, "sourceLayer") - 1))
                && r.get("targetBlock").equals(Table.integer(r, "targetLayer") == 0
                ? "input" : BLOCKS.get(Table.integer(r, "targetLayer") - 1))));
        Table transitions = Table.read(out.resolve("tables/transition-depths.csv"));
        assertFalse(transitions.isEmpty());
        assertTrue(transitions.rows().stream().allMatch(r -> r.get("transitionBlock").equals(
                Table.integer(r, "transitionDepth") == 0 ? "input" : BLOCKS.get(Table.integer(r, "transitionDepth") - 1))));
        assertTrue(html.contains("<th>block</th>"), "the similarity-profiles table shown in the page names blocks");
    }

    @Test
    void aDenseNetworkKeepsLayerIndicesAndNoBlockColumns() throws IOException {
        Path out = generate(List.of());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(section(html, "similarity-profiles").contains("layer i of the source network"));
        assertTrue(section(html, "layer-matrices").contains("Layer × layer similarity"));
        String text = html.substring(html.indexOf("</style>")).replaceAll("data:image/png;base64,[^\"]*", "");
        assertFalse(text.contains("block"), "no block wording for a dense network");
        assertFalse(Table.read(out.resolve("tables/similarity-profiles.csv")).columns().contains("block"));
        assertFalse(Table.read(out.resolve("tables/layer-matrices.csv")).columns().contains("sourceBlock"));
        assertFalse(Table.read(out.resolve("tables/transition-depths.csv")).columns().contains("transitionBlock"));
    }
}
