package org.sfcrime.job;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.checkpointing.FileSystemBasedCheckpointFileManager;

/**
 * Writes the job's checkpoint files (offset and commit logs, state store files) on the local disk
 * without starting a process per file.
 *
 * <p>Spark's default manager goes through Hadoop's FileContext, which, without Hadoop's native
 * library, runs a {@code chmod} process for every file it creates and a {@code readlink} process
 * for every path it renames: about 60 processes per micro-batch of the counts, more than half of a
 * small batch's time. Spark's FileSystem-based manager renames with a plain system call but still
 * creates through Hadoop's local file system, which sets each file's mode with {@code chmod}. This
 * manager creates the temporary file with plain Java; Spark then renames it into place as usual, so
 * a file appears whole or not at all. The files get the process's default mode and no Hadoop
 * {@code .crc} companion, which Hadoop does not require when reading.
 */
public final class LocalCheckpointFileManager extends FileSystemBasedCheckpointFileManager {

    public LocalCheckpointFileManager(Path path, Configuration hadoopConf) {
        super(path, hadoopConf);
    }

    @Override
    public FSDataOutputStream createTempFile(Path path) {
        if (!(fs() instanceof LocalFileSystem local)) {
            return super.createTempFile(path);
        }
        try {
            return new FSDataOutputStream(new FileOutputStream(local.pathToFile(path)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
