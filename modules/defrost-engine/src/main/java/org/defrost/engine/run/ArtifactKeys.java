package org.defrost.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.defrost.engine.store.Hashing;
import org.defrost.engine.store.Manifest;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.WorkUnit;

/**
 * Content-addressed keys. A key hashes the stage type and version, the canonical parameters, the
 * <em>content digests</em> of the inputs (not their keys, so an input recomputed to the same bytes, or
 * produced by another route, leads to the same key), the seed and the output kind.
 */
final class ArtifactKeys {
    private ArtifactKeys() {
    }

    /**
     * The key of an invocation's output; {@code runId} is non-null for stages whose outputs are not reusable.
     * {@code files} are the digests of files the stage reads besides its inputs ({@link Stage#fileDigests}); when
     * there are none the key is what it was before stages could declare them.
     */
    static String forInvocation(StageDescriptor d, Map<String, Object> parameters, List<ArtifactView> inputs,
                                Map<String, String> files, long seed, String kind, String runId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", d.type());
        m.put("version", d.version());
        m.put("parameters", parameters);
        m.put("inputs", digests(inputs));
        if (!files.isEmpty()) {
            m.put("files", new TreeMap<>(files));
        }
        m.put("seed", seed);
        m.put("output", kind);
        if (runId != null) {
            m.put("run", runId);
        }
        return Hashing.sha256OfJson(m);
    }

    static String forUnit(StageDescriptor d, WorkUnit unit, List<ArtifactView> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", d.type());
        m.put("version", d.version());
        m.put("unit", unit.parameters());
        m.put("inputs", digests(inputs));
        m.put("seed", unit.seed());
        m.put("output", unit.outputKind());
        return Hashing.sha256OfJson(m);
    }

    static List<Manifest.InputRef> refs(List<ArtifactView> inputs) {
        return inputs.stream().map(a -> new Manifest.InputRef(a.kind(), a.key(), a.stored().manifest().contentDigest()))
                .toList();
    }

    private static List<List<String>> digests(List<ArtifactView> inputs) {
        List<List<String>> out = new ArrayList<>();
        for (ArtifactView a : inputs) {
            out.add(List.of(a.kind(), a.stored().manifest().contentDigest()));
        }
        return out;
    }
}
