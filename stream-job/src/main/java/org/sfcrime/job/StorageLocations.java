package org.sfcrime.job;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.sfcrime.cli.CommandFailure;

/**
 * The job's locations (--checkpoint, --output-dir, --rejects-dir, --radio-codes): a local path or
 * any Hadoop URI (hdfs://, file://, s3a://, abfs://, gs://), kept as text and reached through
 * Hadoop's FileSystem with Spark's Hadoop configuration (spark.hadoop.* settings included).
 *
 * <p>A location is never a {@code java.nio.file.Path}: that collapses {@code hdfs://host:port/x}
 * into {@code hdfs:/host:port/x}, which has no host any more.
 */
final class StorageLocations {

    /** The package that brings each cloud scheme's FileSystem, for spark-submit --packages. */
    private static final Map<String, String> CONNECTORS = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws:" + org.apache.hadoop.util.VersionInfo.getVersion(),
            "abfs", "org.apache.hadoop:hadoop-azure:" + org.apache.hadoop.util.VersionInfo.getVersion(),
            "abfss", "org.apache.hadoop:hadoop-azure:" + org.apache.hadoop.util.VersionInfo.getVersion(),
            "gs", "com.google.cloud.bigdataoss:gcs-connector (its hadoop3 build)");

    /**
     * The Hadoop client's connection retries during the up-front check: an absent NameNode is then
     * reported within seconds, where the defaults retry for minutes. The job itself keeps the
     * defaults, which ride out a NameNode restart.
     */
    private static final Map<String, String> BOUNDED_RETRIES = Map.of(
            "ipc.client.connect.max.retries", "1",
            "ipc.client.connect.retry.interval", "500",
            "ipc.client.connect.max.retries.on.timeouts", "1",
            "ipc.client.connect.timeout", "5000",
            "dfs.client.retry.policy.enabled", "false");

    private StorageLocations() {
    }

    /** Empty means "not set" in a settings file, where a key cannot be left out of the shipped defaults. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The Hadoop configuration Spark gives its jobs: Hadoop's defaults plus the spark.hadoop.* settings. */
    static Configuration hadoopConfiguration(SparkConf conf) {
        return SparkHadoopUtil.get().newConfiguration(conf);
    }

    /** True for a location on the local file system: file:, or no scheme under a local default file system. */
    static boolean isLocal(String location, Configuration conf) {
        String scheme = new Path(location).toUri().getScheme();
        return "file".equals(scheme != null ? scheme : FileSystem.getDefaultUri(conf).getScheme());
    }

    /** True for a path with neither a scheme nor a leading slash, which each process resolves against its own folder. */
    static boolean isRelative(String location) {
        URI uri = new Path(location).toUri();
        return uri.getScheme() == null && !uri.getPath().startsWith("/");
    }

    /**
     * Checks that the location's file system answers, before Spark starts, and returns the
     * location as a full URI (a local path as file:/...).
     *
     * @param option the option naming the location, for the message
     * @throws CommandFailure one line naming the option, the URI and the fix
     */
    static String requireReachable(String option, String location, Configuration conf) {
        Path path = new Path(location);
        URI uri = path.toUri();
        String scheme = uri.getScheme();
        if (scheme != null && !scheme.equals("file") && uri.getAuthority() == null
                && !scheme.equals(FileSystem.getDefaultUri(conf).getScheme())) {
            throw new CommandFailure(option + " " + location + ": the URI names no host; write it as " + scheme
                    + "://HOST:PORT/PATH (for HDFS, the NameNode's address, e.g. hdfs://127.0.0.1:9000" + uri.getPath() + ")");
        }
        Configuration bounded = new Configuration(conf);
        BOUNDED_RETRIES.forEach(bounded::set);
        // a new instance, not the cached one: the job's own file system keeps the default retries
        try (FileSystem fs = FileSystem.newInstance(uri, bounded)) {
            Path qualified = fs.makeQualified(path);
            fs.exists(qualified);
            return qualified.toString();
        } catch (UnsupportedFileSystemException e) {
            throw noFileSystem(option, location, scheme);
        } catch (IOException e) {
            throw new CommandFailure(option + " " + location + ": cannot reach its file system ("
                    + CommandFailure.rootMessage(e).lines().findFirst().orElse("") + "); check that "
                    + (uri.getAuthority() == null ? "the folder is readable" : uri.getAuthority()
                    + " is up (for HDFS the NameNode; scripts/hdfs.sh start runs one) and that the host and port are right"));
        } catch (RuntimeException e) {
            if (causedBy(e, ClassNotFoundException.class)) { // a scheme whose FileSystem class Hadoop names but cannot load
                throw noFileSystem(option, location, scheme);
            }
            throw e;
        }
    }

    private static CommandFailure noFileSystem(String option, String location, String scheme) {
        String connector = CONNECTORS.get(scheme);
        return new CommandFailure(option + " " + location + ": no Hadoop FileSystem for scheme '" + scheme
                + "' on the class path; " + (connector == null ? "add the package that provides it to spark-submit with --packages"
                : "add it to spark-submit with --packages " + connector));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
