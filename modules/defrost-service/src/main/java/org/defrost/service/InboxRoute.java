package org.defrost.service;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;

/**
 * The Camel route that watches the inbox with the file component: it polls the folder (not its sub-folders,
 * not hidden files, only names ending in {@code .yaml} or {@code .yml}, so that editor backups such as
 * {@code good.yaml~} and notes beside the pipelines stay where they are), takes a file only once it has not been modified for the quiet period (read lock
 * {@code changed} with a minimum age; empty files included, so that they too get an answer), and hands its
 * path to the service, which moves it away. Camel itself leaves the file where it is ({@code noop}) and keeps
 * no record of names it has seen ({@code idempotent=false}), so a file dropped again under the same name is a
 * new file.
 */
final class InboxRoute extends RouteBuilder {
    static final String ROUTE_ID = "defrost-inbox";
    /** File name extensions of the pipeline files taken, compared ignoring case. */
    static final java.util.List<String> PIPELINE_EXTENSIONS = java.util.List.of("yaml", "yml");
    /** A file still changing after this long is skipped for this poll and tried again at the next. */
    private static final long MIN_READ_LOCK_TIMEOUT_MILLIS = 10_000;

    private final Path inbox;
    private final ServiceSettings settings;
    private final Consumer<Path> intake;

    /** @param intake called on Camel's polling thread for each file ready to be taken; must not throw */
    InboxRoute(Path inbox, ServiceSettings settings, Consumer<Path> intake) {
        this.inbox = inbox;
        this.settings = settings;
        this.intake = intake;
    }

    /** The endpoint URI of the inbox. */
    String uri() {
        long quiet = settings.quietPeriod().toMillis();
        long check = Math.max(10, Math.min(1000, quiet / 4 + 1));
        long timeout = Math.max(MIN_READ_LOCK_TIMEOUT_MILLIS, 2 * quiet + 4 * check);
        return "file:" + inbox.toAbsolutePath().normalize()
                + "?noop=true&idempotent=false&recursive=false&includeExt=" + String.join(",", PIPELINE_EXTENSIONS)
                + "&readLock=changed&readLockMinLength=0&readLockMinAge=" + quiet
                + "&readLockCheckInterval=" + check + "&readLockTimeout=" + timeout
                + "&readLockMarkerFile=false&readLockLoggingLevel=DEBUG"
                + "&sortBy=file:modified&initialDelay=0&delay=" + settings.pollInterval().toMillis();
    }

    @Override
    public void configure() {
        from(uri()).routeId(ROUTE_ID)
                .process(e -> {
                    GenericFile<?> file = e.getIn().getBody(GenericFile.class);
                    intake.accept(Path.of(file.getAbsoluteFilePath()));
                });
    }
}
