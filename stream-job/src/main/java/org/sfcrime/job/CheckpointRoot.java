package org.sfcrime.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The folder holding each query's checkpoint in a subfolder named as the query: --checkpoint, or
 * a temporary folder deleted at close, so that every such run starts from --starting-offsets.
 */
final class CheckpointRoot implements AutoCloseable {

    /**
     * Below Spark's hooks (Hadoop's FileSystem priority 10 + 30), which Hadoop's manager runs one
     * after the other, highest first: the folder goes once Spark has stopped writing to it.
     */
    private static final int AFTER_SPARK = 20;

    private final Path dir;
    private final boolean temporary;

    /** @param chosen the --checkpoint folder, or null for a temporary one */
    CheckpointRoot(Path chosen) throws IOException {
        this.temporary = chosen == null;
        this.dir = temporary ? Files.createTempDirectory("sf-crime-checkpoint-") : chosen;
        if (temporary) {
            // Ctrl-C or a kill ends a live job in the JVM's shutdown, without reaching close().
            ShutdownHookManager.get().addShutdownHook(this::close, AFTER_SPARK);
        }
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
