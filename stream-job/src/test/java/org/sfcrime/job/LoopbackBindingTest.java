package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class LoopbackBindingTest {

    private static final Map<String, String> LOOPBACK_DRIVER = Map.of(
            "spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1");

    @Test
    void aLocalJobWithoutSparkLocalIpBindsItsDriverToLoopbackAndWarnsAboutTheUi() {
        LoopbackBinding binding = new LoopbackBinding(new SparkConf(false), "local[*]", Optional.empty());

        assertEquals(LOOPBACK_DRIVER, binding.driverSettings());
        assertTrue(binding.uiWarning(4040).orElseThrow().startsWith(
                "warning: the Spark UI (port 4040) listens on every interface, because SPARK_LOCAL_IP is not set"));
        assertEquals(Optional.empty(), binding.uiWarning(0));
    }

    @Test
    void sparkLocalIpDecidesWhenItIsSet() {
        LoopbackBinding binding = new LoopbackBinding(new SparkConf(false), "local[2]", Optional.of("127.0.0.1"));

        assertEquals(Map.of(), binding.driverSettings());
        assertEquals(Optional.empty(), binding.uiWarning(4040));
    }

    @Test
    void settingsGivenWithConfAreKept() {
        SparkConf submitted = new SparkConf(false).set("spark.driver.host", "10.0.0.5").set("spark.ui.enabled", "false");
        LoopbackBinding binding = new LoopbackBinding(submitted, "local[*]", Optional.of(" "));

        assertEquals(Map.of("spark.driver.bindAddress", "127.0.0.1"), binding.driverSettings());
        assertEquals(Optional.empty(), binding.uiWarning(4040));
    }

    @Test
    void aClusterJobKeepsSparksAddresses() {
        LoopbackBinding binding = new LoopbackBinding(new SparkConf(false), "spark://master:7077", Optional.empty());

        assertEquals(Map.of(), binding.driverSettings());
    }
}
