package org.sfcrime.job;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * paths are refused; a local absolute path does on one machine (with a warning), HDFS or an object
 * store across machines. And a standalone master that is not running would leave the driver retrying its
 * registration for a minute before it gives up; a connection attempt says so at once, and so does
 * an unauthenticated request to a master that requires Spark's authentication.
 */
final class ClusterPreflight {

    /** How long a standalone master may take to accept a connection. */
    static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private ClusterPreflight() {
    }

    /**
     * Passes when the job may run on the submitted master (always, for a local master).
     *
     * @param authenticates whether the application has spark.authenticate set
     * @param checkpoint the --checkpoint location, or null for a temporary one
     * @param hadoop     the job's Hadoop configuration, whose default file system a path without a scheme is on
     * @throws ParameterException for options that do not fit a cluster (exit 2)
     * @throws CommandFailure for a standalone master that cannot be reached, or that requires the
     *                        authentication the application lacks (exit 1)
     */
    static void check(String master, boolean authenticates, String checkpoint, Sinks sinks, Configuration hadoop,
                      CommandLine commandLine) {
        if (!isCluster(master)) {
            return;
        }
        String shared = "the driver and every executor must see the same folder (on one machine a local absolute path,"
                + " across machines HDFS or an object store)";
        if (checkpoint == null) {
            throw new ParameterException(commandLine, "under the cluster master " + master + " the job needs --checkpoint DIR,"
                    + " because a temporary checkpoint exists on the driver only: " + shared);
        }
        List<String> locations = locations(checkpoint, sinks);
        List<String> relative = locations.stream().filter(location -> StorageLocations.isRelative(value(location))).toList();
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
        // Warned only once nothing else stops the job, so that a refusal stays one line.
        List<String> local = locations.stream().filter(location -> StorageLocations.isLocal(value(location), hadoop)).toList();
        if (!local.isEmpty()) {
            commandLine.getErr().println("warning: under the cluster master " + master + " " + String.join(" and ", local)
                    + (local.size() == 1 ? " is a local path: " : " are local paths: ") + "every worker must see the same path"
                    + " (one machine or a shared mount); across machines use hdfs:// or an object store");
            commandLine.getErr().flush();
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

    /** The locations the executors write, as "--option value". */
    private static List<String> locations(String checkpoint, Sinks sinks) {
        List<String> locations = new ArrayList<>();
        locations.add("--checkpoint " + checkpoint);
        if (sinks.enabled().contains(Sink.FILES)) {
            locations.add("--output-dir " + sinks.outputDir());
        }
        if (sinks.rejectsDir() != null) {
            locations.add("--rejects-dir " + sinks.rejectsDir());
        }
        return locations;
    }

    private static String value(String optionAndValue) {
        return optionAndValue.substring(optionAndValue.indexOf(' ') + 1);
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
