package dev.basalt.http;

import com.sun.net.httpserver.HttpExchange;
import dev.basalt.engine.api.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The web console's static files: {@code GET /} is the console page, {@code /console/*} its own
 * scripts and styles (resources under {@code console/}), {@code /webjars/*} the editor library,
 * which comes as a Maven WebJar so the page needs no network beyond this server. Only files under
 * those two resource folders are served; a path with {@code ..} or a backslash is refused.
 */
final class ConsoleAssets {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    /**
     * Scripts, styles and images from this server only: the page makes no request elsewhere, and
     * an injected inline script would not run (the console's code is all in files).
     */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private ConsoleAssets() {}

    /** True for the paths this class answers (GET only; the router gives 405 to other methods). */
    static boolean handles(String path) {
        return path.equals("/") || path.startsWith("/console/") || path.startsWith("/webjars/");
    }

    /** Sends the file for {@code path}, or 404 when there is none. */
    static int send(HttpExchange ex, String path) throws IOException {
        String resource = resourceFor(path);
        if (resource == null) throw ApiError.http(404, ErrorCode.ER_UNKNOWN_COM, "No such file: " + path);
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw ApiError.http(404, ErrorCode.ER_UNKNOWN_COM, "No such file: " + path);
            byte[] bytes = in.readAllBytes();
            var headers = ex.getResponseHeaders();
            headers.set("Content-Type", TYPES.getOrDefault(extension(resource), "application/octet-stream"));
            headers.set("Content-Security-Policy", POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            // the WebJar's path carries its version, so it may be kept; our files change with the server
            headers.set("Cache-Control", resource.startsWith("META-INF/") ? "public, max-age=86400" : "no-cache");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
            return 200;
        }
    }

    /** The class-path resource behind a URL path, or null when the path may not be served. */
    static String resourceFor(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("//")) return null;
        if (path.equals("/")) return "console/index.html";
        if (path.startsWith("/console/") && path.length() > "/console/".length()) return path.substring(1);
        if (path.startsWith("/webjars/") && path.length() > "/webjars/".length()) return "META-INF/resources" + path;
        return null;
    }

    private static String extension(String resource) {
        int dot = resource.lastIndexOf('.');
        return dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
