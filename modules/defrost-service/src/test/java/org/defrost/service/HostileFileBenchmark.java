package org.defrost.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.PathPolicy;

/**
 * How long the service takes to refuse hostile files (alias bomb, deep nesting, a huge cartesian matrix, an
 * oversized file) next to a good one. Run: {@code java -cp <test class path> org.defrost.service.HostileFileBenchmark [repetitions]}.
 */
public final class HostileFileBenchmark {
    private HostileFileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("hostile");
        PipelineCheck check = new PipelineCheck(TestStages.registry(), PathPolicy.unrestricted(), 2, Runtime.getRuntime().maxMemory());
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path path = Files.writeString(dir.resolve(file.getKey()), file.getValue());
            Ticket ticket = new Ticket(file.getKey(), path);
            double[] ms = new double[repetitions];
            String outcome = "";
            for (int r = -3; r < repetitions; r++) {
                long start = System.nanoTime();
                try {
                    check.check(ticket, path);
                    outcome = "valid";
                } catch (InvalidPipelineException e) {
                    outcome = e.problems().get(0).message();
                }
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-20s %9d bytes  best %8.2f ms  median %8.2f ms  worst %8.2f ms  %s%n", file.getKey(),
                    Files.size(path), ms[0], ms[repetitions / 2], ms[repetitions - 1],
                    outcome.length() > 60 ? outcome.substring(0, 60) + "..." : outcome);
            Files.delete(path);
        }
        Files.delete(dir);
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("good.yaml", BadInputCorpusTest.GOOD_SWEEP);
        StringBuilder bomb = new StringBuilder("pipeline: bomb\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("lol").append(i).append(": &lol").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j > 0 ? ", " : "").append("*lol").append(i - 1);
            }
            bomb.append("]\n");
        }
        files.put("alias-bomb.yaml", bomb + "stages:\n  - id: a\n    uses: numbers\n");
        files.put("deep-nesting.yaml", "pipeline: deep\nstages: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        StringBuilder cartesian = new StringBuilder("pipeline: cartesian\nmatrix:\n");
        for (int k = 0; k < 12; k++) {
            cartesian.append("  k").append(k).append(": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        files.put("cartesian.yaml", cartesian + "stages:\n  - id: a\n    uses: numbers\n");
        files.put("oversized.yaml", "# " + "x".repeat(4_400_000) + "\n");
        return files;
    }
}
