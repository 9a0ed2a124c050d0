package org.sfcrime.job;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sfcrime.cli.CommandFailure;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks that matter only under a cluster master (spark://, yarn, k8s, local-cluster), before
 * Spark starts.
 *
 * <p>Executors run in other processes, often on other machines, with their own working folder:
 * the checkpoint and the files the job writes must be one folder that the driver and every
 * executor see. So a temporary checkpoint (a folder on the driver, deleted at exit) and relative
 * paths are refused; a local absolute path does on one machine, HDFS or an object store across
 * machines. And a standalone master that is not running would leave the driver retrying its
 * registration for a minute before it gives up; a connection attempt says so at once, and so does
 * an unauthenticated request to a master that requires Spark's authentication.
 */
final class ClusterPreflight {

    /** How long a standalone master may take to accept a connection. */
    static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");

    private ClusterPreflight() {
    }

    /**
     * Passes when the job may run on the submitted master (always, for a local master).
     *
     * @param authenticates whether the application has spark.authenticate set
     * @param checkpoint the --checkpoint folder, or null for a temporary one
     * @throws ParameterException for options that do not fit a cluster (exit 2)
     * @throws CommandFailure for a standalone master that cannot be reached, or that requires the
     *                        authentication the application lacks (exit 1)
     */
    static void check(String master, boolean authenticates, Path checkpoint, Sinks sinks, CommandLine commandLine) {
        if (!isCluster(master)) {
            return;
        }
        String shared = "the driver and every executor must see the same folder (on one machine a local absolute path,"
                + " across machines HDFS or an object store)";
        if (checkpoint == null) {
            throw new ParameterException(commandLine, "under the cluster master " + master + " the job needs --checkpoint DIR,"
                    + " because a temporary checkpoint exists on the driver only: " + shared);
        }
        List<String> relative = relativePaths(checkpoint, sinks);
        if (!relative.isEmpty()) {
            throw new ParameterException(commandLine, "under the cluster master " + master + " " + String.join(" and ", relative)
                    + (relative.size() == 1 ? " must be an absolute path: " : " must be absolute paths: ") + shared);
        }
        if (master.startsWith("spark://") && !anyReachable(master, MASTER_CONNECT_TIMEOUT)) {
            throw new CommandFailure("cannot reach the Spark master at " + master + " within "
                    + MASTER_CONNECT_TIMEOUT.toSeconds() + " s (is it running? try scripts/spark-cluster.sh start)");
        }
        if (master.startsWith("spark://") && !authenticates && requiresAuthentication(master)) {
            throw new CommandFailure("the Spark master at " + master + " accepts only authenticated applications"
                    + " (spark.authenticate): submit with --properties-file DIR/spark-secure.properties, the file"
                    + " scripts/spark-cluster.sh start --secure wrote");
        }
    }

    /** True when a master of the list refuses applications without Spark's shared secret. */
    private static boolean requiresAuthentication(String master) {
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            try {
                if (colon > 0 && MasterAuthentication.required(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1)), MASTER_CONNECT_TIMEOUT)) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // Spark itself rejects such a URL with its own message
            }
        }
        return false;
    }

    /** local and local[N] run every task in the driver's process; local-cluster[...] does not. */
    static boolean isCluster(String master) {
        return !master.equals("local") && !master.startsWith("local[");
    }

    /** The path options, as "--option value", that are neither absolute nor a URI such as hdfs://... */
    private static List<String> relativePaths(Path checkpoint, Sinks sinks) {
        List<String> relative = new ArrayList<>();
        addIfRelative("--checkpoint", checkpoint, relative);
        if (sinks.enabled().contains(Sink.FILES)) {
            addIfRelative("--output-dir", sinks.outputDir(), relative);
        }
        if (sinks.rejectsDir() != null) {
            addIfRelative("--rejects-dir", sinks.rejectsDir(), relative);
        }
        return relative;
    }

    private static void addIfRelative(String option, Path path, List<String> relative) {
        if (!path.isAbsolute() && !URI_SCHEME.matcher(path.toString()).matches()) {
            relative.add(option + " " + path);
        }
    }

    /** spark://host:port, or spark://host1:port1,host2:port2 for standby masters. */
    private static boolean anyReachable(String master, Duration timeout) {
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                continue; // Spark itself rejects such a URL with its own message
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        (int) timeout.toMillis());
                return true;
            } catch (IOException | NumberFormatException e) {
                // try the next master
            }
        }
        return false;
    }
}
