package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service takes pipeline files only: names ending in .yaml or .yml, whatever their case. */
class InboxFileFilterTest {
    @TempDir
    Path root;

    @Test
    void editorBackupsAndNotesStayInTheInboxWhileYamlFilesRun() throws Exception {
        try (ServiceFixture f = new ServiceFixture(root)) {
            f.start(f.settings(1, Duration.ofSeconds(30), 0));
            f.drop("notes.txt", "remember to rerun");
            f.drop("good.yaml~", BadInputCorpusTest.GOOD_SWEEP);
            f.drop("sweep.yml", BadInputCorpusTest.GOOD_SWEEP);
            f.drop("LOUD.YAML", BadInputCorpusTest.GOOD_SWEEP);
            assertTrue(ServiceFixture.processed(f.awaitHandled("sweep.yml")), ServiceFixture.listing(f.inbox));
            assertTrue(ServiceFixture.processed(f.awaitHandled("LOUD.YAML")), ServiceFixture.listing(f.inbox));
            Thread.sleep(600); // two quiet periods: the other files were seen by the same polls
            assertTrue(Files.exists(f.inbox.resolve("notes.txt")), ServiceFixture.listing(f.inbox));
            assertTrue(Files.exists(f.inbox.resolve("good.yaml~")), ServiceFixture.listing(f.inbox));
        }
    }
}
