package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.config.KafkaClients;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/** Hands the topology to quarkus-kafka-streams, after making sure the analyzer's private facts topic exists. */
@ApplicationScoped
public class TopologyProducer {
    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    @Inject
    AnalyzerConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    KafkaClients clients;

    @Produces
    @ApplicationScoped
    public AnalyzerMetrics metrics() {
        return new AnalyzerMetrics(registry);
    }

    @Produces
    public Topology topology(AnalyzerMetrics metrics) {
        if (config.createFactsTopic()) {
            createFactsTopic();
        }
        return AnalyzerTopology.build(config, metrics);
    }

    /** The global store reads this topic from the start, so it must exist before Kafka Streams starts. */
    private void createFactsTopic() {
        String topic = config.topics().facts();
        try (Admin admin = Admin.create(clients.settings())) {
            NewTopic t = new NewTopic(topic, config.topics().factsPartitions(), (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("created facts topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create facts topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating facts topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating facts topic " + topic + " on "
                    + clients.settings().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e);
        }
    }
}
