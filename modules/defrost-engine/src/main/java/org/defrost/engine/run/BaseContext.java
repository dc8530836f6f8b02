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
    final RunSession session;
    final Invocation invocation;
    private final Parameters parameters;
    private final Seed seed;
    private final List<ArtifactView> inputs;
    private final int threads;
    private final Cancellation cancellation;
    private final System.Logger log;

    BaseContext(RunSession session, Invocation invocation, Parameters parameters, Seed seed, List<ArtifactView> inputs,
                int threads, Cancellation cancellation) {
        this.session = session;
        this.invocation = invocation;
        this.parameters = parameters;
        this.seed = seed;
        this.inputs = List.copyOf(inputs);
        this.threads = threads;
        this.cancellation = cancellation;
        this.log = new RunLogger(System.getLogger("defrost.stage." + invocation.stage().type()), session.runId);
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
        session.listener.status(invocation.stage().id(), total > 0 ? done + "/" + total : Long.toString(done));
    }

    @Override
    public void status(String message) {
        session.listener.status(invocation.stage().id(), message);
    }

    @Override
    public void count(String name, double amount) {
        session.listener.metric(invocation.stage().type(), name, RunListener.MetricKind.COUNTER, amount);
    }

    @Override
    public void set(String name, double value) {
        session.listener.metric(invocation.stage().type(), name, RunListener.MetricKind.GAUGE, value);
    }

    @Override
    public void time(String name, Duration duration) {
        session.listener.metric(invocation.stage().type(), name, RunListener.MetricKind.TIMER_SECONDS,
                duration.toNanos() / 1e9);
    }
}
