package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files of every kind dropped together with good ones: each bad one fails precisely, each good one runs. */
class BadInputCorpusTest {
    @TempDir
    Path root;

    @Test
    void everyBadFileFailsWithItsProblemWhileGoodFilesRunAndTheServiceStaysUp() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            int port = freePort();
            f.start(f.settings(1, Duration.ofSeconds(30), port));
            Files.writeString(f.data.resolve("values.txt"), "1\n");
            Files.createSymbolicLink(f.data.resolve("escape"), Path.of("/etc"));
            Map<String, List<String>> bad = dropCorpus(f);
            f.drop("good-numbers.yaml", GOOD_NUMBERS.replace("DATA", f.data.resolve("values.txt").toString()));
            f.drop("good-sweep.yaml", GOOD_SWEEP);

            for (Map.Entry<String, List<String>> e : bad.entrySet()) {
                Path handled = f.awaitHandled(e.getKey());
                String error = ServiceFixture.error(handled);
                assertFalse(ServiceFixture.processed(handled), e.getKey() + " should have failed");
                for (String expected : e.getValue()) {
                    assertTrue(error.contains(expected), e.getKey() + ": expected <" + expected + "> in\n" + error);
                }
                assertTrue(error.startsWith(handled.toString() + ":"), "the error names the failed file: " + error);
            }
            for (String good : List.of("good-numbers.yaml", "good-sweep.yaml")) {
                Path handled = f.awaitHandled(good);
                assertTrue(ServiceFixture.processed(handled), good + " failed: " + ServiceFixture.error(handled));
                String note = Files.readString(handled.resolveSibling(handled.getFileName() + Inbox.RUN_SUFFIX));
                assertTrue(note.startsWith("Run ") && note.contains(" succeeded."), note);
            }

            f.drop("good-sweep.yaml", GOOD_SWEEP);
            List<Path> twice = f.awaitHandled("good-sweep.yaml", 2);
            assertTrue(twice.stream().allMatch(ServiceFixture::processed), "the same name dropped again is a new run: " + twice);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"up\""), health.body());
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("defrost_service_files_finished_total{outcome=\"invalid\"} " + bad.size() + ".0"),
                    metrics.lines().filter(l -> l.startsWith("defrost_service")).toList().toString());
            assertTrue(metrics.contains("defrost_service_files_finished_total{outcome=\"processed\"} 3.0"));
            assertTrue(Files.list(f.inbox.resolve(Inbox.RUNNING)).findAny().isEmpty(), "nothing is left running");
        }
    }

    @Test
    void aFileStillBeingWrittenIsTakenOnlyOnceItStopsChanging() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(30), 0));
            Path file = f.inbox.resolve("slow-copy.yaml");
            // Written line by line over about a second, with pauses shorter than the quiet period: a file taken
            // before its last line would lack its stages and fail.
            for (String line : GOOD_SWEEP.lines().toList()) {
                Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(100);
            }
            Path handled = f.awaitHandled("slow-copy.yaml");
            assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
        }
    }

    private static final String GOOD_NUMBERS = """
            pipeline: good-numbers
            seed: 7
            seeds: 2
            stages:
              - id: numbers
                uses: numbers
                with: { count: 5, data: DATA }
              - id: relative
                uses: numbers
                with: { count: 6, data: ../data/values.txt }
            """;

    static final String GOOD_SWEEP = """
            pipeline: good-sweep
            seed: 3
            seeds: 2
            matrix:
              k: [1, 2]
            stages:
              - id: numbers
                uses: numbers
                with: { count: 3 }
              - id: sweep
                uses: sweep
                with: { units: 3, k: "${matrix.k}" }
            """;

    /** Drops the bad files; returns, for each, texts its error must contain. */
    private static Map<String, List<String>> dropCorpus(ServiceFixture f) throws IOException {
        Map<String, List<String>> expect = new LinkedHashMap<>();
        f.drop("empty.yaml", "");
        expect.put("empty.yaml", List.of(":1:1: pipeline: missing required key 'pipeline'", "stages: missing required key 'stages'"));

        byte[] garbage = new byte[3000];
        new SplittableRandom(11).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        f.drop("garbage.yaml", garbage);
        expect.put("garbage.yaml", List.of(":1:1: not a UTF-8 text file"));

        f.drop("invalid-yaml.yaml", "pipeline: broken\nstages: [ {id: a, uses: numbers\n");
        expect.put("invalid-yaml.yaml", List.of(": invalid YAML: "));

        f.drop("not-a-mapping.yaml", "- numbers\n- sweep\n");
        expect.put("not-a-mapping.yaml", List.of(":1:1: a pipeline file is a mapping"));

        f.drop("unknown-stage.yaml", stage("unknown-stage", "numbrs", "count: 3"));
        expect.put("unknown-stage.yaml", List.of(":5:11: stages[0].uses: unknown stage type 'numbrs'"));

        f.drop("wrong-types.yaml", stage("wrong-types", "numbers", "count: many", "scale: [1, 2]"));
        expect.put("wrong-types.yaml", List.of(":7:14: stages[0].with.count: expected an integer", "found the text \"many\"",
                ":8:14: stages[0].with.scale: expected a number"));

        f.drop("negative-size.yaml", stage("negative-size", "numbers", "count: -5"));
        expect.put("negative-size.yaml", List.of(":7:14: stages[0].with.count: value -5 is out of range"));

        f.drop("huge-size.yaml", stage("huge-size", "numbers", "count: 1000000000000"));
        expect.put("huge-size.yaml", List.of(":7:14: stages[0].with.count: value 1000000000000 is out of range"));

        f.drop("huge-memory.yaml", stage("huge-memory", "numbers", "mb: 50000000").replace("seed: 1", "seed: 1\nseeds: 2"));
        expect.put("huge-memory.yaml", List.of(":6:5: stages[0]: the run needs an estimated 95.4 TiB at stage 'a' "
                + "(2 invocations at once, up to 47.7 TiB each), more than the ", "this JVM may use (its -Xmx)"));

        f.drop("too-many-seeds.yaml", stage("too-many-seeds", "numbers", "count: 3").replace("seed: 1", "seed: 1\nseeds: 100000"));
        expect.put("too-many-seeds.yaml", List.of(":3:8: seeds: value 100000 is out of range [1, 1000]"));

        f.drop("too-many-runs.yaml", stage("too-many-runs", "numbers", "count: 3").replace("seed: 1",
                "seed: 1\nseeds: 1000\nmatrix:\n  a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n  b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"));
        expect.put("too-many-runs.yaml", List.of(":3:1: seeds: 110 matrix cells × 1000 seeds make 110000 runs of each "
                + "per-seed stage; the limit is 100000"));

        StringBuilder cartesian = new StringBuilder("pipeline: cartesian\nmatrix:\n");
        for (int k = 0; k < 7; k++) {
            cartesian.append("  k").append(k).append(": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        f.drop("cartesian.yaml", cartesian + "stages:\n  - id: a\n    uses: numbers\n");
        expect.put("cartesian.yaml", List.of(":2:1: matrix: the matrix has 10000000 cells; the limit is 10000"));

        f.drop("traversal-relative.yaml", stage("traversal-relative", "numbers", "data: ../../../../../../../../etc/passwd"));
        expect.put("traversal-relative.yaml", List.of(":7:13: stages[0].with.data: path ../../../../../../../../etc/passwd (/etc/passwd) "
                + "is outside the allowed directories"));

        f.drop("traversal-absolute.yaml", stage("traversal-absolute", "numbers", "data: /etc/passwd"));
        expect.put("traversal-absolute.yaml", List.of(":7:13: stages[0].with.data: path /etc/passwd (/etc/passwd) is outside"));

        String escape = f.data.resolve("escape/passwd").toString();
        f.drop("traversal-symlink.yaml", stage("traversal-symlink", "numbers", "data: " + escape));
        expect.put("traversal-symlink.yaml", List.of(":7:13: stages[0].with.data: path " + escape + " (" + escape
                + ", which leads to /etc/passwd) is outside the allowed directories"));

        StringBuilder bomb = new StringBuilder("pipeline: alias-bomb\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("lol").append(i).append(": &lol").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j > 0 ? ", " : "").append("*lol").append(i - 1);
            }
            bomb.append("]\n");
        }
        f.drop("alias-bomb.yaml", bomb + "stages:\n  - id: a\n    uses: numbers\n");
        expect.put("alias-bomb.yaml", List.of(":3:14: invalid YAML: YAML aliases (*lol0) are not supported"));

        f.drop("deep-nesting.yaml", "pipeline: deep\nstages: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        expect.put("deep-nesting.yaml", List.of(": invalid YAML: ", "nesting deeper than 40 levels"));

        f.drop("duplicate-ids.yaml", stage("duplicate-ids", "numbers", "count: 3") + "  - id: a\n    uses: numbers\n");
        expect.put("duplicate-ids.yaml", List.of(":8:9: stages[1].id: duplicate stage id 'a' (also stages[0])"));

        f.drop("duplicate-keys.yaml", stage("duplicate-keys", "numbers", "count: 3").replace("seed: 1", "seed: 1\nseed: 2"));
        expect.put("duplicate-keys.yaml", List.of(":3:1: invalid YAML: duplicate key 'seed' (first at line 2)"));

        f.drop("oversized.yaml", "# " + "x".repeat(4_400_000) + "\n");
        expect.put("oversized.yaml", List.of(":1:1: file has 4400003 bytes; a pipeline file is at most 1048576 characters"));

        Files.createSymbolicLink(f.inbox.resolve("symlink.yaml"), f.data.resolve("values.txt"));
        expect.put("symlink.yaml", List.of(":1:1: a symbolic link is not accepted in the inbox"));
        return expect;
    }

    /** A one-stage pipeline: {@code with} entries start on line 7, column 7. */
    private static String stage(String name, String uses, String... with) {
        StringBuilder sb = new StringBuilder("pipeline: " + name + "\nseed: 1\nstages:\n  - id: a\n    uses: " + uses + "\n");
        sb.append("    with:\n");
        for (String w : with) {
            sb.append("      ").append(w).append('\n');
        }
        return sb.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
