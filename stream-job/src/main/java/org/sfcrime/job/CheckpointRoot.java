package org.sfcrime.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder holding each query's checkpoint in a subfolder named as the query: --checkpoint, or
 * a temporary folder deleted at close, so that every such run starts from --starting-offsets.
 */
final class CheckpointRoot implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;

    /** @param chosen the --checkpoint folder, or null for a temporary one */
    CheckpointRoot(Path chosen) throws IOException {
        this.temporary = chosen == null;
        this.dir = temporary ? Files.createTempDirectory("sf-crime-checkpoint-") : chosen;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary checkpoint left behind is harmless
        }
    }
}
