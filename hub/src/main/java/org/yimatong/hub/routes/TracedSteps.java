package org.yimatong.hub.routes;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.NamedRoute;
import org.apache.camel.Processor;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.AsyncProcessorSupport;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.vertx.VertxContext;

/**
 * Every named step of a route ({@code .process(...).id("call-home")}) is a span of the request's trace, named
 * {@code <route id> <step id>}, a child of the request's span (camel-quarkus-opentelemetry is not served here).
 * Camel applies this strategy to every route as it builds it: Camel Main takes the {@link InterceptStrategy} beans
 * from its registry, which sees only named beans (unnamed, this one was never applied).
 * <p>
 * A step is asynchronous (a {@link UniStep} finishes on some later callback), so its span stays the current one on
 * the request's Vert.x context until the step is done: an outbound call the step makes after a database answer is
 * still its child. Off a Vert.x request context (a file poller's thread) the span is current only while the step
 * runs on the thread that started it. Each step starts from the context the route was entered with, kept on the
 * exchange, so a step that resumes on another thread (a timer's, after a timeout) still belongs to the request.
 */
@Singleton
@Unremovable
@Named("tracedSteps")
public class TracedSteps implements InterceptStrategy {

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("ymt.route");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("ymt.step");
    private static final String ENTERED = "ymt.route.trace-context";

    private final Tracer tracer;

    public TracedSteps(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext camel, NamedNode node, Processor target,
            Processor nextTarget) {
        // only the steps a route names: Camel's own nodes (doTry, doFinally, pipelines) would only add noise
        if (!(node instanceof OptionalIdentifiedDefinition<?> step) || !step.hasCustomIdAssigned()) {
            return target;
        }
        return new TracedStep(tracer, routeId(node), node.getId(), AsyncProcessorConverterHelper.convert(target));
    }

    private static String routeId(NamedNode node) {
        for (NamedNode at = node; at != null; at = at.getParent()) {
            if (at instanceof NamedRoute route && route.getRouteId() != null) {
                return route.getRouteId();
            }
        }
        return "route";
    }

    private static final class TracedStep extends AsyncProcessorSupport {

        private final Tracer tracer;
        private final String route;
        private final String step;
        private final String name;
        private final AsyncProcessor target;

        TracedStep(Tracer tracer, String route, String step, AsyncProcessor target) {
            this.tracer = tracer;
            this.route = route;
            this.step = step;
            this.name = route + " " + step;
            this.target = target;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Context parent = parent(exchange);
            Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(ROUTE, route).setAttribute(STEP, step).startSpan();
            Scope scope = parent.with(span).makeCurrent();
            boolean heldUntilDone = VertxContext.isOnDuplicatedContext();
            Thread starter = Thread.currentThread();
            AtomicBoolean open = new AtomicBoolean(true);
            boolean sync;
            try {
                sync = target.process(exchange, doneSync -> {
                    end(span, exchange);
                    // closed before the route goes on, so the next step is this one's sibling, not its child
                    if ((heldUntilDone || Thread.currentThread() == starter) && open.compareAndSet(true, false)) {
                        scope.close();
                    }
                    callback.done(doneSync);
                });
            } catch (RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                span.end();
                if (open.compareAndSet(true, false)) {
                    scope.close();
                }
                throw e;
            }
            if (!heldUntilDone && open.compareAndSet(true, false)) {
                scope.close();
            }
            return sync;
        }

        /** The current context if it carries a span, else the one the route was entered with. */
        private static Context parent(Exchange exchange) {
            Context current = Context.current();
            Context entered = exchange.getProperty(ENTERED, Context.class);
            if (entered == null) {
                exchange.setProperty(ENTERED, current);
                return current;
            }
            return Span.fromContext(current).getSpanContext().isValid() ? current : entered;
        }

        private static void end(Span span, Exchange exchange) {
            Exception failure = exchange.getException();
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
