package org.defrost.service;

import java.nio.file.Path;
import java.time.Duration;
import org.defrost.engine.pipeline.PathPolicy;

/**
 * A service with the test stages in a JVM of its own, for tests that stop it with SIGTERM or kill it with
 * SIGKILL. Arguments: INBOX WORKSPACE. Stops on SIGTERM like {@code defrost serve}.
 */
public final class ServiceProcessMain {
    private ServiceProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceSettings settings = new ServiceSettings(Path.of(args[0]), Path.of(args[1]), 1, 2, Duration.ofMinutes(5),
                Duration.ofMillis(200), Duration.ofMillis(50), PathPolicy.unrestricted(), "127.0.0.1", 0);
        PipelineService service = PipelineService.start(settings, TestStages.registry());
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "defrost-shutdown"));
        service.awaitStopped();
    }
}
