package org.yimatong.hub.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Serves the contract exactly as {@code exchange-schemas} publishes it, not a document generated from
 * our resources: members integrate against the contract, and a test keeps the resources true to it.
 * The document's relative {@code $ref}s ({@code ../schemas/x.json}) resolve against {@code /schemas/}.
 */
@Path("/")
public class ContractResource {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z0-9-]+\\.json");

    private final byte[] openApiDocument = classpathBytes("openapi/yimatong-v1.yaml");
    /** Schemas read once; only files that exist are kept, so unknown names cannot grow it. */
    private final ConcurrentMap<String, byte[]> schemas = new ConcurrentHashMap<>();

    @GET
    @Path("q/openapi")
    @Produces("application/yaml")
    public byte[] openApi() {
        return openApiDocument;
    }

    @GET
    @Path("schemas/{name}")
    @Produces("application/schema+json")
    public byte[] schema(@PathParam("name") String name) {
        if (!SCHEMA_NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such schema");
        }
        byte[] schema = schemas.computeIfAbsent(name, n -> classLoader().getResource("schemas/" + n) == null ? null
                : classpathBytes("schemas/" + n));
        if (schema == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such schema: " + name);
        }
        return schema;
    }

    private static byte[] classpathBytes(String resource) {
        try (InputStream in = classLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The contract is missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassLoader classLoader() {
        return Thread.currentThread().getContextClassLoader();
    }
}
