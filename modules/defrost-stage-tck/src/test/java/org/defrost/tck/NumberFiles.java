package org.defrost.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The format of the test stages' "numbers" artifacts: {@code values.txt}, one number per line. */
final class NumberFiles {
    static final String FILE = "values.txt";

    private NumberFiles() {
    }

    static void write(Path file, List<Double> values) throws IOException {
        Files.writeString(file, values.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")));
    }

    static List<Double> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(Double::parseDouble).toList();
    }
}
