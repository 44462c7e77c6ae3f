import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Readiness check and smoke test for the dev Kafka broker, using Kafka's own Java client.
 *
 *   java -cp 'libs/*:classes' KafkaCheck ping 127.0.0.1:9092
 *       describeCluster (a real broker API answer): exit 0 when a broker is up.
 *   java -cp 'libs/*:classes' KafkaCheck selftest 127.0.0.1:9092
 *       create topic (3 partitions, RF 1), produce 3 records (acks=all, idempotent),
 *       consume them in a consumer group, commit offsets, delete topic.
 */
public class KafkaCheck {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaCheck ping|selftest <bootstrap>");
            System.exit(2);
        }
        try {
            switch (args[0]) {
                case "ping": ping(args[1]); break;
                case "selftest": selftest(args[1]); break;
                default: System.err.println("unknown mode " + args[0]); System.exit(2);
            }
        } catch (Exception e) {
            System.err.println("KafkaCheck " + args[0] + " failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    static Properties common(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return p;
    }

    static void ping(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(common(bootstrap))) {
            DescribeClusterResult r = admin.describeCluster();
            Collection<Node> nodes = r.nodes().get(10, TimeUnit.SECONDS);
            String clusterId = r.clusterId().get(10, TimeUnit.SECONDS);
            Node controller = r.controller().get(10, TimeUnit.SECONDS);
            if (nodes.isEmpty()) throw new IllegalStateException("no broker in cluster metadata");
            System.out.println("kafka ok: cluster " + clusterId + ", brokers " + nodes + ", controller " + controller);
        }
    }

    static void selftest(String bootstrap) throws Exception {
        String topic = "engines-selftest-" + UUID.randomUUID();
        try (Admin admin = Admin.create(common(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                Properties pp = common(bootstrap);
                pp.put(ProducerConfig.ACKS_CONFIG, "all");
                pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                pp.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
                    for (int i = 0; i < 3; i++) {
                        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                    }
                }

                Properties cp = common(bootstrap);
                cp.put(ConsumerConfig.GROUP_ID_CONFIG, "engines-selftest");
                cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
                cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
                cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
                List<String> got = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
                    consumer.subscribe(List.of(topic));
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (got.size() < 3 && System.currentTimeMillis() < deadline) {
                        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                            got.add(rec.value());
                        }
                    }
                    if (got.size() != 3) throw new IllegalStateException("consumed " + got + ", expected 3 records");
                    consumer.commitSync(Duration.ofSeconds(15));
                }
                Map<?, ?> offsets = admin.listConsumerGroupOffsets("engines-selftest")
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                System.out.println("kafka selftest ok: topic " + topic + " produced/consumed " + got
                        + ", committed offsets for " + offsets.size() + " partitions");
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                admin.deleteConsumerGroups(List.of("engines-selftest")).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
