package org.defrost.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The watched folder. New files arrive in it; a taken file moves, under a unique name (a time stamp before
 * its original name), to {@code .running/} while it is queued or running, then to {@code processed/} with a
 * {@code NAME.run.txt} or to {@code failed/} with a {@code NAME.error.txt}. Files left in {@code .running/}
 * belong to runs that a stop or crash interrupted. Every move is an atomic rename within the folder.
 */
public final class Inbox {
    static final String RUNNING = ".running";
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";
    static final String ERROR_SUFFIX = ".error.txt";
    static final String RUN_SUFFIX = ".run.txt";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final int MAX_KEPT_NAME_BYTES = 200;
    private static final Pattern TICKET_NAME = Pattern.compile("\\d{8}-\\d{6}-\\d{3}(?:-\\d+)?_(.+)");

    private final Path directory;
    private final Path running;
    private final Path processed;
    private final Path failed;

    /** Opens the inbox, creating it and its sub-folders as needed. */
    public Inbox(Path directory) throws IOException {
        this.directory = directory;
        this.running = directory.resolve(RUNNING);
        this.processed = directory.resolve(PROCESSED);
        this.failed = directory.resolve(FAILED);
        for (Path d : List.of(directory, running, processed, failed)) {
            Files.createDirectories(d);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Takes a file dropped in the inbox: moves it to {@code .running/} under a name no earlier file used.
     *
     * @return the ticket, or empty when the file is gone (another consumer took it)
     * @throws IOException when it cannot be moved
     */
    synchronized Optional<Ticket> claim(Path file) throws IOException {
        String original = file.getFileName().toString();
        String kept = shortened(original);
        String stamp = LocalDateTime.now().format(STAMP);
        String name = stamp + "_" + kept;
        for (int n = 2; taken(name); n++) {
            name = stamp + "-" + n + "_" + kept;
        }
        Path target = running.resolve(name);
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(original, target));
    }

    /**
     * The name cut to {@link #MAX_KEPT_NAME_BYTES} bytes of UTF-8, so that the stamp and the suffixes still fit
     * in the 255 bytes most file systems allow.
     */
    private static String shortened(String name) {
        String cut = name;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_KEPT_NAME_BYTES) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut;
    }

    private boolean taken(String name) {
        return Files.exists(running.resolve(name), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(processed.resolve(name), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(failed.resolve(name), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(failed.resolve(name + ERROR_SUFFIX), LinkOption.NOFOLLOW_LINKS);
    }

    /** Files a stop or crash left in {@code .running/}, in the order they were taken (by their time stamps). */
    List<Ticket> interrupted() throws IOException {
        List<Ticket> tickets = new ArrayList<>();
        try (Stream<Path> files = Files.list(running)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    tickets.add(new Ticket(originalName(f.getFileName().toString()), f));
                }
            }
        }
        return tickets;
    }

    private static String originalName(String ticketName) {
        Matcher m = TICKET_NAME.matcher(ticketName);
        return m.matches() ? m.group(1) : ticketName;
    }

    /** Where the file of {@code ticket} goes when it fails: {@code failed/<name>}. */
    Path failedPath(Ticket ticket) {
        return failed.resolve(ticket.name());
    }

    /** Moves the file to {@code processed/} after writing {@code note} beside it; returns its new path. */
    Path succeed(Ticket ticket, String note) throws IOException {
        return finish(ticket, processed, RUN_SUFFIX, note);
    }

    /** Moves the file to {@code failed/} after writing {@code error} beside it; returns its new path. */
    Path fail(Ticket ticket, String error) throws IOException {
        return finish(ticket, failed, ERROR_SUFFIX, error);
    }

    /**
     * Writes the note first, so that a crash in between leaves the file in {@code .running/} to be run again
     * rather than a handled file without its explanation.
     */
    private static Path finish(Ticket ticket, Path folder, String suffix, String text) throws IOException {
        Path note = folder.resolve(ticket.name() + suffix);
        Path tmp = folder.resolve("." + ticket.name() + suffix + ".tmp");
        Files.writeString(tmp, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, note, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path target = folder.resolve(ticket.name());
        Files.move(ticket.file(), target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
