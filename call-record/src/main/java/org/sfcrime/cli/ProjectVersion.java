package org.sfcrime.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What --version prints for every command: its name, the project's version and the Kafka client's. */
public final class ProjectVersion implements IVersionProvider {

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String version = ProjectVersion.class.getPackage().getImplementationVersion();
        return new String[] {spec.name() + " (sf-crime-streaming" + (version == null ? "" : " " + version)
                + "), kafka-clients " + AppInfoParser.getVersion()};
    }
}
