package org.sfcrime.producer;

import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.OptionDefaults;

/** The producer's options as a command line sets them, over the shipped defaults, for tests of the parts. */
final class ProducerOptions {

    private ProducerOptions() {
    }

    static ProducerCommand parse(String... args) {
        ProducerCommand command = new ProducerCommand();
        CommandLines.of(command).setDefaultValueProvider(OptionDefaults.load("producer", null)).parseArgs(args);
        return command;
    }
}
