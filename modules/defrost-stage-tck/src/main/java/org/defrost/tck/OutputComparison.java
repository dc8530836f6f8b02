package org.defrost.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.defrost.engine.store.StoredArtifact;

/** Compares two artifacts that should be identical: the same files with the same bytes, the same metadata. */
final class OutputComparison {
    private OutputComparison() {
    }

    /**
     * The differences between {@code first} and {@code second}, one sentence each.
     *
     * @param timingFiles    files (relative paths) whose content may differ; they must still exist in both
     * @param timingMetadata metadata entries whose values may differ; they must still be recorded in both
     */
    static List<String> differences(StoredArtifact first, StoredArtifact second, Set<String> timingFiles,
                                    Set<String> timingMetadata) throws IOException {
        List<String> out = new ArrayList<>();
        String kind = first.kind();
        Set<String> a = first.manifest().files().keySet();
        Set<String> b = second.manifest().files().keySet();
        if (!a.equals(b)) {
            Set<String> onlyFirst = new TreeSet<>(a);
            onlyFirst.removeAll(b);
            Set<String> onlySecond = new TreeSet<>(b);
            onlySecond.removeAll(a);
            out.add(kind + ": the runs wrote different files; only in the first: " + onlyFirst + ", only in the second: "
                    + onlySecond);
        }
        for (String name : new TreeSet<>(a)) {
            if (b.contains(name) && !timingFiles.contains(name)
                    && !first.manifest().files().get(name).sha256().equals(second.manifest().files().get(name).sha256())) {
                out.add(kind + ": file " + name + " differs, " + firstDifference(first.directory().resolve(name),
                        second.directory().resolve(name)) + " (a file that records timings belongs in timingDependentFiles())");
            }
        }
        Map<String, Object> ma = first.manifest().metadata();
        Map<String, Object> mb = second.manifest().metadata();
        for (String name : new TreeSet<>(union(ma.keySet(), mb.keySet()))) {
            if (ma.containsKey(name) != mb.containsKey(name)) {
                out.add(kind + ": metadata '" + name + "' is recorded in one run only");
            } else if (!timingMetadata.contains(name) && !Objects.equals(ma.get(name), mb.get(name))) {
                out.add(kind + ": metadata '" + name + "' differs: " + ma.get(name) + " in the first run, " + mb.get(name)
                        + " in the second (a timing belongs in timingDependentMetadata())");
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Where two files first differ: the byte offset and, for text, the line and both versions of it. */
    static String firstDifference(Path a, Path b) throws IOException {
        byte[] x = Files.readAllBytes(a);
        byte[] y = Files.readAllBytes(b);
        int n = Math.min(x.length, y.length);
        int at = 0;
        while (at < n && x[at] == y[at]) {
            at++;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (x[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String where = at == n ? "one is a prefix of the other (" + x.length + " and " + y.length + " bytes)"
                : "first at byte " + at + " (line " + line + ")";
        if (looksLikeText(x) && looksLikeText(y)) {
            where += ": \"" + lineAt(x, lineStart) + "\" against \"" + lineAt(y, lineStart) + "\"";
        }
        return where;
    }

    private static boolean looksLikeText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static String lineAt(byte[] bytes, int start) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n' && end - start < 200) {
            end++;
        }
        return new String(bytes, Math.min(start, bytes.length), Math.max(0, end - start), java.nio.charset.StandardCharsets.UTF_8);
    }
}
