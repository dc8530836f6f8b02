package org.defrost.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.defrost.engine.store.Manifest;
import org.defrost.spi.RunRecordData;

/**
 * Finds what a workspace can do without: artifacts that no kept run references, and the damaged copies moved
 * to {@code damaged/}. A run is kept while its directory {@code runs/<run-id>/} exists; it references the outputs
 * and work-unit artifacts its record lists, and (through their manifests) every input they were made from.
 * Artifacts committed since the start of a run that is still going (its {@link RunFiles#LOCK} is held) are
 * kept too: that run may not have recorded them yet.
 */
public final class WorkspaceCollector {
    private final ArtifactStore store;

    public WorkspaceCollector(ArtifactStore store) {
        this.store = store;
    }

    /**
     * What collecting would remove.
     *
     * @param unreferenced artifacts no kept run references: key, kind and size in bytes
     * @param damaged      directories in {@code damaged/} with their size in bytes
     * @param keptRuns     run records read
     * @param newest       artifacts kept only because a running run may still record them
     */
    public record Plan(List<Entry> unreferenced, List<Entry> damaged, int keptRuns, int newest) {
        /** Total bytes the plan frees. */
        public long bytes() {
            return Stream.concat(unreferenced.stream(), damaged.stream()).mapToLong(Entry::bytes).sum();
        }
    }

    /** One thing to remove: an artifact key (or a damaged directory's name), its kind and its size in bytes. */
    public record Entry(String name, String kind, long bytes) {
    }

    /** Works out what would be removed; changes nothing. */
    public Plan plan() throws IOException {
        Set<String> referenced = new HashSet<>();
        Instant liveSince = null;
        int runs = 0;
        Path runsDir = store.runsDirectory();
        if (Files.isDirectory(runsDir)) {
            try (Stream<Path> s = Files.list(runsDir)) {
                for (Path dir : s.filter(d -> !Files.isSymbolicLink(d) && Files.isRegularFile(d.resolve(RunFiles.RECORD)))
                        .toList()) {
                    RunRecordData record = RunRecord.read(dir.resolve(RunFiles.RECORD));
                    runs++;
                    for (RunRecordData.InvocationEntry inv : record.invocations()) {
                        referenced.addAll(inv.outputs().values());
                        referenced.addAll(inv.unitArtifacts());
                    }
                    if (RunFiles.isAlive(dir) && record.startedAt() != null) {
                        Instant started = Instant.parse(record.startedAt());
                        liveSince = liveSince == null || started.isBefore(liveSince) ? started : liveSince;
                    }
                }
            }
        }
        addInputs(referenced);
        List<Entry> unreferenced = new ArrayList<>();
        int newest = 0;
        for (String key : store.keys()) {
            if (referenced.contains(key)) {
                continue;
            }
            Optional<Manifest> m = manifest(store.directoryOf(key));
            if (liveSince != null && (m.isEmpty() || !Instant.parse(m.get().createdAt()).isBefore(liveSince))) {
                newest++;
                continue;
            }
            unreferenced.add(new Entry(key, m.map(Manifest::kind).orElse("unreadable"), size(store.directoryOf(key))));
        }
        List<Entry> damaged = new ArrayList<>();
        if (Files.isDirectory(store.damagedDirectory())) {
            try (Stream<Path> s = Files.list(store.damagedDirectory())) {
                for (Path d : s.sorted().toList()) {
                    damaged.add(new Entry(d.getFileName().toString(), manifest(d).map(Manifest::kind).orElse("damaged"),
                            size(d)));
                }
            }
        }
        return new Plan(unreferenced, damaged, runs, newest);
    }

    /** Removes what {@code plan} lists; returns the number of bytes freed. */
    public long delete(Plan plan) throws IOException {
        long freed = 0;
        for (Entry e : plan.unreferenced()) {
            store.remove(e.name());
            freed += e.bytes();
        }
        for (Entry e : plan.damaged()) {
            ArtifactStore.deleteTree(store.damagedDirectory().resolve(e.name()));
            freed += e.bytes();
        }
        return freed;
    }

    /** Adds, to {@code keys}, the inputs their manifests name, transitively. */
    private void addInputs(Set<String> keys) {
        Deque<String> todo = new ArrayDeque<>(keys);
        while (!todo.isEmpty()) {
            manifest(store.directoryOf(todo.pop())).ifPresent(m -> {
                for (Manifest.InputRef in : m.inputs()) {
                    if (keys.add(in.key())) {
                        todo.push(in.key());
                    }
                }
            });
        }
    }

    private static Optional<Manifest> manifest(Path dir) {
        try {
            return Optional.of(Json.MAPPER.readValue(dir.resolve("manifest.json").toFile(), Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
