package org.yimatong.hub.conformance;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The runner keys a conformance report may be signed with, read from {@code ymt.conformance.trusted-runner-keys}
 * at each upload (uploads are rare; reading the file again spares a restart when an operator changes it). When
 * there is no usable key set, the upload is refused as signed by an unknown key: nothing can be trusted.
 */
@ApplicationScoped
public class TrustedRunnerKeys {

    private static final Logger LOG = Logger.getLogger(TrustedRunnerKeys.class);
    static final String PROPERTY = "ymt.conformance.trusted-runner-keys";

    private final ConformanceConfig config;
    private final Vertx vertx;

    public TrustedRunnerKeys(ConformanceConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<JwkSet> current() {
        if (config.trustedRunnerKeys().isEmpty()) {
            return Uni.createFrom().failure(untrusted("this hub trusts no conformance runner key (" + PROPERTY
                    + " is not set)"));
        }
        Path file = config.trustedRunnerKeys().get();
        return vertx.fileSystem().readFile(file.toString())
                .map(buffer -> JwkSet.parse(buffer.toString()))
                .onFailure().transform(e -> {
                    LOG.errorf("The trusted runner keys in %s (%s) cannot be used: %s", file, PROPERTY, e.getMessage());
                    return untrusted("this hub's trusted runner key set (" + PROPERTY + ") is unreadable;"
                            + " the operator must fix it");
                });
    }

    private static ProblemException untrusted(String why) {
        return new ProblemException(ProblemType.UNKNOWN_KEY, "The report cannot be verified: " + why);
    }
}
