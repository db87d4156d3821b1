package org.yimatong.hub.console;

import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The admin console's pages. Only the login form is open: every other page answers a request without a valid session
 * cookie with 303 to it. The session is checked here rather than by Quarkus Security, whose identities are the API's
 * callers (bearer tokens, client assertions, certificates), and a browser carries none of them.
 */
@Path(ConsoleSessions.PATH)
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    private static final String LOGIN = ConsoleSessions.PATH + "/login";
    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    /** Inline styles only, no script at all, no framing, forms posting only back here. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;
    private final ConsoleViews views;

    public ConsoleResource(ConsoleSessions sessions, ConsoleViews views) {
        this.sessions = sessions;
        this.views = views;
    }

    @GET
    public Uni<Response> tree(@CookieParam(ConsoleSessions.COOKIE) String session) {
        return page(session, "federation tree", () -> views.tree().map(ConsolePages::tree));
    }

    @GET
    @Path("batches")
    public Uni<Response> batches(@CookieParam(ConsoleSessions.COOKIE) String session) {
        return page(session, "batches", () -> views.batches().map(ConsolePages::batches));
    }

    @GET
    @Path("appeals")
    public Uni<Response> appeals(@CookieParam(ConsoleSessions.COOKIE) String session) {
        return page(session, "appeals", () -> views.appeals().map(ConsolePages::appeals));
    }

    @GET
    @Path("audit")
    public Uni<Response> audit(@CookieParam(ConsoleSessions.COOKIE) String session) {
        return page(session, "audit", () -> views.audit().map(ConsolePages::audit));
    }

    @GET
    @Path("login")
    public Uni<Response> loginForm(@CookieParam(ConsoleSessions.COOKIE) String session) {
        if (sessions.isValid(session)) {
            return Uni.createFrom().item(seeOther(ConsoleSessions.PATH).build());
        }
        return render(ConsolePages.login(""), Response.Status.OK);
    }

    /** The admin token pasted into the form: a session cookie and the tree, or the form again with 401. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> login(@FormParam("token") String token, @Context HttpServerRequest request) {
        if (!sessions.isAdminToken(token)) {
            String error = token == null || token.isBlank() ? "Paste the admin token to log in."
                    : "That is not the admin token.";
            return render(ConsolePages.login(error), Response.Status.UNAUTHORIZED);
        }
        return Uni.createFrom().item(seeOther(ConsoleSessions.PATH)
                .header("Set-Cookie", cookie(sessions.open(), sessions.lifetimeSeconds(), request)).build());
    }

    /** POST, so that a link elsewhere cannot log an operator out; the cookie is SameSite=Strict besides. */
    @POST
    @Path("logout")
    public Response logout(@Context HttpServerRequest request) {
        return seeOther(LOGIN).header("Set-Cookie", cookie("", 0, request)).build();
    }

    private Uni<Response> page(String session, String name, Supplier<Uni<TemplateInstance>> page) {
        if (!sessions.isValid(session)) {
            return Uni.createFrom().item(seeOther(LOGIN).build());
        }
        return page.get().flatMap(TemplateInstance::createUni)
                .map(html -> secured(Response.ok(html, HTML)).build())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "The console's %s page could not be gathered", name);
                    return render(ConsolePages.unavailable(name), Response.Status.SERVICE_UNAVAILABLE);
                });
    }

    private static Uni<Response> render(TemplateInstance page, Response.Status status) {
        return page.createUni().map(html -> secured(Response.status(status).entity(html).type(HTML)).build());
    }

    /** A relative Location, so the redirect stays on the host and scheme the operator used (a proxy's). */
    private static Response.ResponseBuilder seeOther(String path) {
        return secured(Response.status(Response.Status.SEE_OTHER).header("Location", path));
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    /**
     * Written out rather than through {@code NewCookie}, so that SameSite and Secure are exactly as meant. Secure
     * whenever the operator came over https (directly, or through a proxy the hub is configured to trust).
     */
    private static String cookie(String value, long maxAgeSeconds, HttpServerRequest request) {
        boolean https = request.isSSL() || "https".equalsIgnoreCase(request.scheme());
        return ConsoleSessions.COOKIE + "=" + value + "; Path=" + ConsoleSessions.PATH + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }
}
