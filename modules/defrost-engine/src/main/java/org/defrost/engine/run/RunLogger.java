package org.defrost.engine.run;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/** A logger that prefixes every message with the run id, so that interleaved runs can be told apart. */
final class RunLogger implements System.Logger {
    private final System.Logger delegate;
    private final String prefix;

    RunLogger(System.Logger delegate, String runId) {
        this.delegate = delegate;
        this.prefix = "[run " + runId + "] ";
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        delegate.log(level, bundle, prefix + msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate.log(level, bundle, prefix + format, params);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        delegate.log(level, () -> prefix + msgSupplier.get());
    }
}
