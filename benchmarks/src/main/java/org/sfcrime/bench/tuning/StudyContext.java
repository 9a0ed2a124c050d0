package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every part of the study shares: the broker and its clients, the shipped defaults, the
 * scratch folder, the measurement lock, and the child process running now (so that a shutdown
 * hook can kill it when the study is interrupted).
 */
final class StudyContext {

    private final String bootstrapServers;
    private final Topics topics;
    private final ShippedDefaults shipped;
    private final Path workDir;
    private final Path lockFile;
    private final Duration lockWait;
    private final Path jobJar;
    private final Path producerJar;
    private volatile ChildProcess current;

    /**
     * @param jobJar      the stream job's jar, copied when the study started: a rebuild during the study does not change what is measured
     * @param producerJar the producer's jar, copied likewise
     */
    StudyContext(String bootstrapServers, Topics topics, ShippedDefaults shipped, Path workDir, Path lockFile, Duration lockWait,
                 Path jobJar, Path producerJar) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.shipped = shipped;
        this.workDir = workDir;
        this.lockFile = lockFile;
        this.lockWait = lockWait;
        this.jobJar = jobJar;
        this.producerJar = producerJar;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Topics topics() {
        return topics;
    }

    ShippedDefaults shipped() {
        return shipped;
    }

    Path workDir() {
        return workDir;
    }

    Path lockFile() {
        return lockFile;
    }

    Duration lockWait() {
        return lockWait;
    }

    Path jobJar() {
        return jobJar;
    }

    Path producerJar() {
        return producerJar;
    }

    /** Remembers the child as the one to kill on interruption; returns it. */
    ChildProcess track(ChildProcess child) {
        current = child;
        return child;
    }

    void untrack() {
        current = null;
    }

    /** Kills the child running now, if any: for the shutdown hook. */
    void killCurrent() {
        ChildProcess child = current;
        if (child != null) {
            child.close();
        }
    }
}
