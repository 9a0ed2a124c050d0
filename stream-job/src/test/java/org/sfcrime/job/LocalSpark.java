package org.sfcrime.job;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session shared by the tests of this module, set up as the job sets it up. */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("stream-job-tests")
                    .master("local[2]")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.adaptive.enabled", false)
                    .getOrCreate();
        }
        return session;
    }
}
