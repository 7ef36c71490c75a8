package dev.basalt.pageserver;

import dev.basalt.pageserver.store.S3ObjectStore;
import dev.basalt.pageserver.store.S3Settings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/** An s3proxy with a filesystem backend under a test's temporary directory, on a free loopback port. */
final class S3ProxyFixture implements AutoCloseable {

    static final String ACCESS = "basalt", SECRET = "basalt-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    S3ProxyFixture(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
    }

    URI endpoint() { return URI.create("http://127.0.0.1:" + proxy.getPort()); }

    S3ObjectStore store(String bucket) {
        return new S3ObjectStore(new S3Settings(endpoint(), "us-east-1", bucket, "ps", ACCESS, SECRET)).ensureBucket();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
