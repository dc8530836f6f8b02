package org.defrost.engine.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.Cancellation;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/**
 * Runs one work unit from its {@link UnitDescription} against an artifact store, serving it from the store
 * when its artifact is already there (hence the name); otherwise the stage's {@code runUnit} writes the output,
 * which is committed atomically. This is what a worker process does with the units it receives, outside any
 * run; the engine's own {@link LocalUnitStep} runs its units through the same code. Thread-safe.
 */
public final class CachedUnitRunner {
    private static final long POLL_MILLIS = 500;
    private final ArtifactStore store;
    private final StageRegistry registry;
    private final Duration inputWait;

    /** A runner of the units of the stages in {@code registry}, on {@code store}, whose inputs must be there. */
    public CachedUnitRunner(ArtifactStore store, StageRegistry registry) {
        this(store, registry, Duration.ZERO);
    }

    /**
     * A runner that waits up to {@code inputWait} for a unit's inputs to appear in the store: on a shared file
     * system (NFS caches that a directory is absent for a while) another machine's fresh artifact may take
     * some seconds to become visible.
     */
    public CachedUnitRunner(ArtifactStore store, StageRegistry registry, Duration inputWait) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.inputWait = Objects.requireNonNull(inputWait, "inputWait");
    }

    public ArtifactStore store() {
        return store;
    }

    /**
     * Runs {@code d}: finds its stage type in the registry and its inputs in the store, checks that this
     * process computes the same output key as the run that planned it, then serves or runs the unit.
     * Concurrent calls for the same key compute it once: the others wait for the key's lock and find the artifact.
     *
     * @param listener     hears the stage's metrics and status lines, and the artifact written
     * @param cancellation stops the unit at its next poll
     * @throws UnitRefusedException when this process cannot run the unit as planned: the stage type is
     *                              unknown or of another version, an input is missing, or the keys disagree
     * @throws Exception            what the stage threw, or an I/O failure of the store
     */
    public UnitOutcome run(UnitDescription d, RunListener listener, Cancellation cancellation) throws Exception {
        Stage stage = registry.find(d.stageType()).orElseThrow(() -> new UnitRefusedException(
                "unknown stage type '" + d.stageType() + "' (known: " + registry.types()
                        + "); install the same plugins on every machine")).stage();
        StageDescriptor descriptor = stage.descriptor();
        if (!descriptor.version().equals(d.stageVersion())) {
            throw new UnitRefusedException("stage type '" + d.stageType() + "' is version " + descriptor.version()
                    + " here, the run planned version " + d.stageVersion() + "; install the same version on every machine");
        }
        List<ArtifactView> inputs = new ArrayList<>();
        for (UnitDescription.Input in : d.inputs()) {
            StoredArtifact a = awaitInput(in.key(), cancellation).orElseThrow(() -> new UnitRefusedException("input artifact "
                    + in.key() + " of work unit '" + d.unit().name() + "' is not in the workspace " + store.workspace()
                    + "; every machine must see the same workspace"));
            inputs.add(new ArtifactView(a, in.matrixCell(), in.seedIndex()));
        }
        String key = ArtifactKeys.forUnit(descriptor, d.unit(), inputs);
        if (!key.equals(d.key())) {
            throw new UnitRefusedException("work unit '" + d.unit().name() + "' has key " + key + " here, the run expected "
                    + d.key() + "; the stage or its inputs differ between machines");
        }
        return execute(stage, d, inputs, store, null, listener, cancellation);
    }

    private Optional<StoredArtifact> awaitInput(String key, Cancellation cancellation) throws InterruptedException {
        long deadline = System.nanoTime() + inputWait.toNanos();
        Optional<StoredArtifact> found = store.find(key);
        while (found.isEmpty() && System.nanoTime() - deadline < 0 && !cancellation.isCancelled()) {
            Thread.sleep(POLL_MILLIS);
            found = store.find(key);
        }
        return found;
    }

    /**
     * Serves unit {@code d} from the store, or runs it and commits its output.
     *
     * The key's {@link ArtifactStore#lock lock} is held while looking it up and computing it, so that a key is
     * computed once even when several runs or workers sharing the workspace need it at the same time.
     *
     * @param permits compute permits to hold while the unit runs ({@link UnitDescription#threads()} of them),
     *                or null when the caller bounds concurrency itself
     */
    static UnitOutcome execute(Stage stage, UnitDescription d, List<ArtifactView> inputs, ArtifactStore store,
                               Semaphore permits, RunListener listener, Cancellation cancellation) throws Exception {
        try (var lock = store.lock(d.key(), cancellation)) {
            Optional<StoredArtifact> hit = store.find(d.key());
            if (hit.isPresent()) {
                return new UnitOutcome(hit.get(), true);
            }
            cancellation.throwIfCancelled();
            return new UnitOutcome(compute(stage, d, inputs, store, permits, listener, cancellation), false);
        }
    }

    private static StoredArtifact compute(Stage stage, UnitDescription d, List<ArtifactView> inputs, ArtifactStore store,
                                          Semaphore permits, RunListener listener, Cancellation cancellation)
            throws Exception {
        PendingArtifact out = store.begin(d.unit().outputKind());
        if (permits != null) {
            permits.acquireUninterruptibly(d.threads());
        }
        try {
            ContextSite site = new ContextSite(listener, d.runId(), d.stageId(), d.stageType());
            stage.runUnit(new UnitContextImpl(site, new Parameters(d.stageParameters()), Seed.of(d.unit().seed()), inputs,
                    d.threads(), cancellation, d.unit(), out));
            StageDescriptor sd = stage.descriptor();
            StoredArtifact stored = store.commit(out, d.key(), new Manifest.Producer(sd.type(), sd.version(), d.stageId(),
                    d.pipeline()), d.unit().parameters(), ArtifactKeys.refs(inputs), d.unit().seed());
            listener.artifactWritten(stored.kind(), stored.bytes());
            return stored;
        } catch (Throwable e) {
            store.discard(out);
            throw e;
        } finally {
            if (permits != null) {
                permits.release(d.threads());
            }
        }
    }
}
