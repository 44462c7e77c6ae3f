package engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Single-node OpenSearch embedded in a plain JVM (no distribution zip, no bootstrap checks,
 * so it also runs as root). Modules normally shipped in the distribution are loaded from
 * the classpath: transport-netty4 (HTTP + transport), analysis-common (edge_ngram,
 * asciifolding, ...), mapper-extras (search_as_you_type, ...).
 *
 * Settings come from -Dengines.os.home/-Dengines.os.data/-Dengines.os.http.port/
 * -Dengines.os.transport.port system properties (see tools/engines/engines.sh); any extra
 * program argument of the form key=value is added as a node setting.
 */
public final class EmbeddedOpenSearch {

    /** Node subclass, only to reach the protected constructor that accepts classpath plugins. */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(required("engines.os.home")).toAbsolutePath();
        Path data = Paths.get(required("engines.os.data")).toAbsolutePath();
        Path logs = home.resolve("logs");
        for (Path p : List.of(home.resolve("config"), home.resolve("plugins"), home.resolve("modules"), data, logs)) {
            Files.createDirectories(p);
        }

        Settings.Builder b = Settings.builder()
            .put("cluster.name", System.getProperty("engines.os.cluster", "engines-dev"))
            .put("node.name", "node-1")
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("network.host", System.getProperty("engines.os.host", "127.0.0.1"))
            .put("http.port", System.getProperty("engines.os.http.port", "9200"))
            .put("transport.port", System.getProperty("engines.os.transport.port", "9300"))
            .put("discovery.type", "single-node")
            // the dev disk may be quite full: never block allocation / make indices read-only
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true);
        for (String a : args) {
            int i = a.indexOf('=');
            if (i <= 0) throw new IllegalArgumentException("expected key=value, got " + a);
            b.put(a.substring(0, i), a.substring(i + 1));
        }

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            b.build(), Collections.emptyMap(), home.resolve("config"), () -> "node-1");

        List<Class<? extends Plugin>> plugins = List.of(
            Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class);

        Node node = new EmbeddedNode(env, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("EmbeddedOpenSearch: shutting down");
                node.close();
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "engines-opensearch-shutdown"));

        node.start();
        System.out.println("EmbeddedOpenSearch: started, http on "
            + env.settings().get("network.host") + ":" + env.settings().get("http.port"));
        stopped.await(); // node threads are daemons: keep the JVM alive until shutdown
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("missing -D" + key);
        return v;
    }
}
