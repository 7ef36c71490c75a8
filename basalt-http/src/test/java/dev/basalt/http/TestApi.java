package dev.basalt.http;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.storage.memory.MemoryKvStore;

import java.io.IOException;
import java.time.Duration;

/** For tests: an engine on memory storage and the HTTP API on a free loopback port (timeouts 60 s). */
final class TestApi implements AutoCloseable {

    final BasaltEngine engine;
    final HttpApiServer http;
    /** {@code http://127.0.0.1:PORT} */
    final String base;

    private TestApi(BasaltEngine engine, HttpApiServer http) {
        this.engine = engine;
        this.http = http;
        this.base = "http://127.0.0.1:" + http.port();
    }

    /** {@code rootPassword} "": loopback requests are root without credentials. */
    static TestApi start(String rootPassword, int maxRequestBytes) throws IOException {
        BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", rootPassword, 64 << 20));
        HttpApiServer http = new HttpApiServer(engine,
                new HttpConfig("127.0.0.1", 0, maxRequestBytes, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        http.start();
        return new TestApi(engine, http);
    }

    @Override
    public void close() {
        http.close();
        engine.close();
    }
}
