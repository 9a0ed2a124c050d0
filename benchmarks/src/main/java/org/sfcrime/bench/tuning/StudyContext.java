package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sfcrime.bench.Topics;

/**
 * What every part of the study shares.
 *
 * @param workDir scratch folder: the copies of the jars (a rebuild during the study does not change
 *                what is measured), the calls, the children's logs and metrics files
 */
record StudyContext(StudyOptions options, ShippedDefaults shipped, String bootstrapServers, Topics topics,
                    Path workDir) {

    Path jobJar() {
        return workDir.resolve("stream-job.jar");
    }

    Path producerJar() {
        return workDir.resolve("producer.jar");
    }

    /** The job through scripts/spark-submit, as a user runs it: spark-submit's options, the jar, the job's options. */
    List<String> sparkSubmit(List<String> submitOptions, List<String> jobOptions) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/spark-submit"));
        command.addAll(submitOptions);
        command.add(jobJar().toString());
        command.addAll(jobOptions);
        return command;
    }
}
