package org.defrost.engine.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.defrost.spi.Stage;

/**
 * The stage types a run can use, by type name. Built with {@link #builder()}: each source of stages
 * (the application class path, each plugin) is scanned with {@link ServiceLoader}; a provider that
 * fails to load is recorded as a problem against its origin and skipped, and two stages with one type
 * name are both rejected with their origins named.
 */
public final class StageRegistry {
    private final Map<String, RegisteredStage> stages;
    private final List<String> problems;

    private StageRegistry(Map<String, RegisteredStage> stages, List<String> problems) {
        this.stages = Collections.unmodifiableMap(stages);
        this.problems = List.copyOf(problems);
    }

    /** The stages on the application class path. */
    public static StageRegistry builtIn() {
        return builder().scan(StageRegistry.class.getClassLoader(), "built-in").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RegisteredStage> find(String type) {
        return Optional.ofNullable(stages.get(type));
    }

    /** All stages, sorted by type name. */
    public Collection<RegisteredStage> all() {
        return stages.values();
    }

    public Collection<String> types() {
        return stages.keySet();
    }

    /** Types of the stages whose descriptor lists {@code kind} under produces. */
    public List<String> producersOf(String kind) {
        return stages.values().stream().filter(s -> s.descriptor().produces().contains(kind))
                .map(RegisteredStage::type).toList();
    }

    /** Stages that could not be loaded or were rejected, one message each naming its origin. */
    public List<String> problems() {
        return problems;
    }

    /** Collects stages from several class loaders. */
    public static final class Builder {
        private final Map<String, List<RegisteredStage>> found = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();

        /** Adds every stage that {@code loader} provides, recording {@code origin} for each. */
        public Builder scan(ClassLoader loader, String origin) {
            Iterator<Stage> it = ServiceLoader.load(Stage.class, loader).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    add(it.next(), origin);
                } catch (ServiceConfigurationError | LinkageError e) {
                    problems.add(origin + ": a stage could not be loaded: " + describe(e));
                } catch (RuntimeException e) {
                    problems.add(origin + ": a stage failed: " + describe(e));
                }
            }
            return this;
        }

        /** Records a problem found while looking for stages (e.g. a plugin file that cannot be opened). */
        public Builder problem(String message) {
            problems.add(message);
            return this;
        }

        /** Adds one stage instance (tests use this). */
        public Builder add(Stage stage, String origin) {
            RegisteredStage registered = new RegisteredStage(stage, origin);
            found.computeIfAbsent(registered.type(), t -> new ArrayList<>()).add(registered);
            return this;
        }

        public StageRegistry build() {
            Map<String, RegisteredStage> stages = new TreeMap<>();
            List<String> all = new ArrayList<>(problems);
            found.forEach((type, list) -> {
                if (list.size() == 1) {
                    stages.put(type, list.get(0));
                } else {
                    all.add("stage type '" + type + "' is provided more than once, by "
                            + String.join(" and ", list.stream().map(RegisteredStage::origin).toList())
                            + "; none of them is used");
                }
            });
            return new StageRegistry(stages, all);
        }

        private static String describe(Throwable e) {
            StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                sb.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
            }
            return sb.toString();
        }
    }
}
