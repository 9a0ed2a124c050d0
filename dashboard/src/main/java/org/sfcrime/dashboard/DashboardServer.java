package org.sfcrime.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The page, its scripts, the API, the event stream and the metrics, on the JDK's HTTP server. Each
 * /events stream holds one thread of the server's pool for as long as the page is open.
 */
final class DashboardServer implements AutoCloseable {

    /** How often an idle event stream gets a comment line, so that nothing between closes it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    static final String CHART_JS = "/webjars/chart.js/chart.umd.js";

    private static final Map<String, String> STATIC = Map.of(
            "/", "dashboard/index.html",
            "/app.js", "dashboard/app.js",
            "/style.css", "dashboard/style.css",
            CHART_JS, "META-INF/resources/webjars/chart.js/" + ChartJs.VERSION + "/dist/chart.umd.js");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-http");
        thread.setDaemon(true);
        return thread;
    });
    private final DashboardState state;
    private final EventHub events;
    private final DashboardMetrics metrics;
    private volatile boolean open = true;

    DashboardServer(InetSocketAddress address, DashboardState state, EventHub events, DashboardMetrics metrics) throws IOException {
        this.state = state;
        this.events = events;
        this.metrics = metrics;
        server = HttpServer.create(address, 0);
        server.setExecutor(threads);
        server.createContext("/", this::staticFile);
        server.createContext("/api/counts", get(exchange -> send(exchange, 200, "application/json", state.countsJson().toString())));
        server.createContext("/api/health", get(exchange -> send(exchange, 200, "application/json", state.health().toString())));
        server.createContext("/events", get(this::stream));
        server.createContext("/metrics", get(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", DashboardMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                metrics.write(out);
            }
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static HttpHandler get(HttpHandler handler) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    refuseMethod(exchange);
                    return;
                }
                handler.handle(exchange);
            }
        };
    }

    private void staticFile(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                refuseMethod(exchange);
                return;
            }
            String resource = STATIC.get(exchange.getRequestURI().getPath());
            if (resource == null) {
                send(exchange, 404, "text/plain", "not found\n");
                return;
            }
            try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    send(exchange, 500, "text/plain", "missing from the jar: " + resource + "\n");
                    return;
                }
                String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
                        : resource.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                byte[] body = in.readAllBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    /** The event stream: a full snapshot first (so a reconnecting page is exact again), then every change. */
    private void stream(HttpExchange exchange) throws IOException {
        EventHub.Subscription subscription = events.subscribe();
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, new ServerSentEvent("counts", state.countsJson().toString()).encode());
            write(out, new ServerSentEvent("calls", state.callsJson().toString()).encode());
            write(out, new ServerSentEvent("health", state.health().toString()).encode());
            long nextHealth = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long nextKeepAlive = System.nanoTime() + KEEP_ALIVE.toNanos();
            while (open && !subscription.overflowed) {
                ServerSentEvent event = subscription.queue.poll(250, TimeUnit.MILLISECONDS);
                if (event != null) {
                    write(out, event.encode());
                }
                if (System.nanoTime() > nextHealth) { // ages and staleness change with time alone
                    write(out, new ServerSentEvent("health", state.health().toString()).encode());
                    nextHealth = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                if (System.nanoTime() > nextKeepAlive) {
                    write(out, ServerSentEvent.KEEP_ALIVE);
                    nextKeepAlive = System.nanoTime() + KEEP_ALIVE.toNanos();
                }
            }
        } catch (IOException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.unsubscribe(subscription);
        }
    }

    /** Everything here is read-only; no body, which a HEAD request must not have either. */
    private static void refuseMethod(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type.contains("charset") ? type : type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
        threads.shutdownNow();
    }
}
