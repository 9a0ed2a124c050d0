package org.sfcrime.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Keeps a local-mode job's listening sockets on loopback when nobody chose otherwise.
 *
 * <p>Why: Spark binds its driver to the address the host name resolves to, and its UI to
 * SPARK_LOCAL_IP or else every interface. scripts/spark-submit sets SPARK_LOCAL_IP=127.0.0.1; a
 * plain {@code spark-submit} does not. In local mode the driver is the whole job, so nothing off
 * this machine needs to reach it. The UI's address has no Spark setting, only the environment
 * variable, so for the UI this can only warn.
 */
final class LoopbackBinding {

    static final String LOOPBACK = "127.0.0.1";

    private final boolean localMaster;
    private final boolean localIpSet;
    private final SparkConf submitted;

    LoopbackBinding(SparkConf submitted, String master, Optional<String> sparkLocalIp) {
        this.submitted = submitted;
        this.localMaster = master.startsWith("local");
        this.localIpSet = sparkLocalIp.filter(ip -> !ip.isBlank()).isPresent();
    }

    /** The driver settings to add: loopback for a local master, unless SPARK_LOCAL_IP or the settings themselves say otherwise. */
    Map<String, String> driverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (localMaster && !localIpSet) {
            for (String key : new String[] {"spark.driver.bindAddress", "spark.driver.host"}) {
                if (!submitted.contains(key)) {
                    settings.put(key, LOOPBACK);
                }
            }
        }
        return settings;
    }

    /** A one-line warning when the UI will listen on every interface, else empty. */
    Optional<String> uiWarning(int uiPort) {
        if (uiPort == 0 || localIpSet || !submitted.getBoolean("spark.ui.enabled", true)) {
            return Optional.empty();
        }
        return Optional.of("warning: the Spark UI (port " + uiPort + ") listens on every interface, because "
                + "SPARK_LOCAL_IP is not set: set SPARK_LOCAL_IP=" + LOOPBACK + " to keep it on loopback "
                + "(scripts/spark-submit does), or --ui-port 0 for no UI");
    }
}
