package org.sfcrime.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real broker for all the tests of a class, started before its {@code @BeforeAll} methods and
 * stopped after its {@code @AfterAll} methods:
 * {@code @RegisterExtension static final SharedBroker broker = new SharedBroker();}
 */
public final class SharedBroker implements BeforeAllCallback, AfterAllCallback {

    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates a topic (if missing) with the Kafka CLI from the same jars. */
    public void createTopic(String topic, int partitions) {
        broker.createTopic(topic, partitions);
    }
}
