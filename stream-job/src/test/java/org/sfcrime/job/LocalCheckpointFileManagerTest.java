package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.spark.sql.execution.streaming.checkpointing.CheckpointFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint writer keeps Spark's contract: a file appears whole at close, or not at all. */
class LocalCheckpointFileManagerTest {

    @TempDir
    Path dir;

    @Test
    void aFileAppearsWholeAtCloseWithNothingElseBesideIt() throws IOException {
        Path offsets = dir.resolve("0");
        CheckpointFileManager.CancellableFSDataOutputStream out = manager().createAtomic(hadoop(offsets), false);
        out.write("v1\n{\"batch\":0}".getBytes(StandardCharsets.UTF_8));
        assertFalse(Files.exists(offsets));

        out.close();

        assertEquals("v1\n{\"batch\":0}", Files.readString(offsets));
        assertEquals(List.of("0"), names());
    }

    @Test
    void anExistingFileIsNotReplacedUnlessAsked() throws IOException {
        Path commit = dir.resolve("1");
        write(commit, "first", false);

        assertThrows(FileAlreadyExistsException.class, () -> write(commit, "second", false));
        assertEquals("first", Files.readString(commit));

        write(commit, "replaced", true);
        assertEquals("replaced", Files.readString(commit));
    }

    @Test
    void aCancelledFileLeavesNothing() throws IOException {
        CheckpointFileManager.CancellableFSDataOutputStream out = manager().createAtomic(hadoop(dir.resolve("2.delta")), false);
        out.write(42);

        out.cancel();

        assertEquals(List.of(), names());
    }

    private void write(Path file, String text, boolean overwrite) throws IOException {
        try (CheckpointFileManager.CancellableFSDataOutputStream out = manager().createAtomic(hadoop(file), overwrite)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private LocalCheckpointFileManager manager() {
        return new LocalCheckpointFileManager(hadoop(dir), new Configuration());
    }

    private static org.apache.hadoop.fs.Path hadoop(Path path) {
        return new org.apache.hadoop.fs.Path(path.toUri());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
