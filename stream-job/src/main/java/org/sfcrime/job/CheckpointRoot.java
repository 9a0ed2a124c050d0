package org.sfcrime.job;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The folder holding each query's checkpoint in a subfolder named as the query: --checkpoint (a
 * local path or a Hadoop URI), or a temporary local folder deleted at close, so that every such
 * run starts from --starting-offsets.
 */
final class CheckpointRoot implements AutoCloseable {

    /**
     * Below Spark's hooks (Hadoop's FileSystem priority 10 + 30), which Hadoop's manager runs one
     * after the other, highest first: the folder goes once Spark has stopped writing to it.
     */
    private static final int AFTER_SPARK = 20;

    private final String root;
    /** The temporary folder, null for --checkpoint. */
    private final java.nio.file.Path temporary;

    /** @param chosen the --checkpoint location, or null for a temporary one */
    CheckpointRoot(String chosen) throws IOException {
        this.temporary = chosen == null ? Files.createTempDirectory("sf-crime-checkpoint-") : null;
        this.root = chosen == null ? temporary.toString() : chosen;
        if (temporary != null) {
            // Ctrl-C or a kill ends a live job in the JVM's shutdown, without reaching close().
            ShutdownHookManager.get().addShutdownHook(this::close, AFTER_SPARK);
        }
    }

    /** The checkpoint location of the query named {@code queryName}. */
    String of(String queryName) {
        return new Path(root, queryName).toString();
    }

    @Override
    public void close() {
        if (temporary == null) {
            return;
        }
        try (Stream<java.nio.file.Path> paths = Files.walk(temporary)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary checkpoint left behind is harmless
        }
    }
}
