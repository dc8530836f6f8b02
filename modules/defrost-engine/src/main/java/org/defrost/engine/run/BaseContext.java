package org.defrost.engine.run;

import java.time.Duration;
import java.util.List;
import org.defrost.spi.Artifact;
import org.defrost.spi.Cancellation;
import org.defrost.spi.ExecutionContext;
import org.defrost.spi.Parameters;
import org.defrost.spi.ProgressReporter;
import org.defrost.spi.Seed;
import org.defrost.spi.StageMetrics;

/** The parts of a stage's and a unit's context that are the same. */
abstract class BaseContext implements ExecutionContext, ProgressReporter, StageMetrics {
    private final ContextSite site;
    private final Parameters parameters;
    private final Seed seed;
    private final List<ArtifactView> inputs;
    private final int threads;
    private final Cancellation cancellation;
    private final System.Logger log;

    BaseContext(ContextSite site, Parameters parameters, Seed seed, List<ArtifactView> inputs, int threads,
                Cancellation cancellation) {
        this.site = site;
        this.parameters = parameters;
        this.seed = seed;
        this.inputs = List.copyOf(inputs);
        this.threads = threads;
        this.cancellation = cancellation;
        this.log = new RunLogger(System.getLogger("defrost.stage." + site.stageType()), site.runId());
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public Seed seed() {
        return seed;
    }

    @Override
    public List<Artifact> inputs(String kind) {
        return inputs.stream().filter(a -> a.kind().equals(kind)).map(a -> (Artifact) a).toList();
    }

    List<ArtifactView> allInputs() {
        return inputs;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public ProgressReporter progress() {
        return this;
    }

    @Override
    public StageMetrics metrics() {
        return this;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public System.Logger log() {
        return log;
    }

    @Override
    public void progress(long done, long total) {
        site.listener().status(site.stageId(), total > 0 ? done + "/" + total : Long.toString(done));
    }

    @Override
    public void status(String message) {
        site.listener().status(site.stageId(), message);
    }

    @Override
    public void count(String name, double amount) {
        site.listener().metric(site.stageType(), name, RunListener.MetricKind.COUNTER, amount);
    }

    @Override
    public void set(String name, double value) {
        site.listener().metric(site.stageType(), name, RunListener.MetricKind.GAUGE, value);
    }

    @Override
    public void time(String name, Duration duration) {
        site.listener().metric(site.stageType(), name, RunListener.MetricKind.TIMER_SECONDS,
                duration.toNanos() / 1e9);
    }
}
