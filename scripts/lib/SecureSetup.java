// The admin's part of scripts/start.sh --secure in one JVM, run by java's source launcher on the
// Kafka jars: creates the topics that are missing and adds the ACLs (adding one that exists changes
// nothing). One process instead of one Kafka tool per topic and per ACL, which on a small, busy
// machine is the difference between seconds and minutes. The policy (which topics, which grants)
// is scripts/lib/secure.sh's; this only carries it out.
//
// java -cp 'KAFKA_LIBS/*' SecureSetup.java CLIENT_FILE TIMEOUT_S
//     [topic NAME PARTITIONS REPLICAS CONFIG=VALUE,...|-]... [acl PRINCIPAL OPERATION TYPE PATTERN NAME]...
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class SecureSetup {
    public static void main(String[] args) throws Exception {
        Properties client = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            client.load(in);
        }
        long timeoutS = Long.parseLong(args[1]);
        List<NewTopic> topics = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (int i = 2; i < args.length; ) {
            if (args[i].equals("topic")) {
                NewTopic topic = new NewTopic(args[i + 1], Optional.of(Integer.parseInt(args[i + 2])),
                        Optional.of(Short.parseShort(args[i + 3])));
                Map<String, String> configs = new HashMap<>();
                if (!args[i + 4].equals("-")) {
                    for (String pair : args[i + 4].split(",")) {
                        configs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                }
                topics.add(topic.configs(configs));
                i += 5;
            } else if (args[i].equals("acl")) {
                acls.add(new AclBinding(
                        new ResourcePattern(ResourceType.fromString(args[i + 3]), args[i + 5], PatternType.fromString(args[i + 4])),
                        new AccessControlEntry(args[i + 1], "*", AclOperation.fromString(args[i + 2]), AclPermissionType.ALLOW)));
                i += 6;
            } else {
                throw new IllegalArgumentException("unknown step " + args[i]);
            }
        }
        try (Admin admin = Admin.create(client)) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(timeoutS, TimeUnit.SECONDS);
                    System.out.println("created topic " + created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("topic " + created.getKey() + ": " + e.getCause().getMessage());
                    }
                    System.out.println("topic " + created.getKey() + " exists");
                }
            }
            admin.createAcls(acls).all().get(timeoutS, TimeUnit.SECONDS);
            acls.forEach(acl -> System.out.println("ACL " + acl));
        }
    }
}
