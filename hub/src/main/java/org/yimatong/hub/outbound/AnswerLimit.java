package org.yimatong.hub.outbound;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * How much of a peer's answer the hub reads ({@code ymt.outbound.max-answer-bytes}, 4 MiB by default: a member's
 * answer is a few hundred bytes, a page of the parent's change feed well under this). Use it on every outbound
 * request: {@code request.as(limit.body())}.
 */
@ApplicationScoped
public class AnswerLimit {

    private final BodyCodec<Buffer> body;

    public AnswerLimit(@ConfigProperty(name = "ymt.outbound.max-answer-bytes",
            defaultValue = "4194304") long maxBytes) {
        this.body = BodyCodec.newInstance(new BoundedBody(maxBytes), TypeArg.of(Buffer.class));
    }

    public BodyCodec<Buffer> body() {
        return body;
    }
}
