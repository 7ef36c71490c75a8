package dev.basalt.pageserver.store;

import java.net.URI;

/**
 * How to reach an S3-compatible object store. {@code endpoint} null means the provider's default
 * endpoint for {@code region}; path-style addressing is used so that local stores (s3proxy, MinIO)
 * work without DNS. Credentials null means the SDK's default chain (environment, profile, ...).
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey) {

    public static final String ACCESS_KEY_ENV = "BASALT_S3_ACCESS_KEY", SECRET_KEY_ENV = "BASALT_S3_SECRET_KEY";

    /** Settings with credentials from BASALT_S3_ACCESS_KEY / BASALT_S3_SECRET_KEY when both are set. */
    public static S3Settings fromEnv(URI endpoint, String region, String bucket, String prefix, java.util.Map<String, String> env) {
        return new S3Settings(endpoint, region, bucket, prefix, env.get(ACCESS_KEY_ENV), env.get(SECRET_KEY_ENV));
    }
}
