package org.yimatong.hub.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.audit.PastTheTriggers;
import org.yimatong.hub.testing.TestCertificates;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.payload.AuditEvent.Action;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The console's door, over plain HTTP: who gets a page, who is sent to the login form, what the cookie is. */
@QuarkusTest
class ConsoleSessionTest {

    private static final String TOKEN = TestMembers.ADMIN.substring("Bearer ".length());
    private static final List<String> PAGES = List.of("/console", "/console/batches", "/console/appeals",
            "/console/audit");

    @Inject
    TestClock clock;

    @TestHTTPResource(value = "/console/login", tls = true)
    URL httpsLogin;

    @Inject
    AuditWriter audit;

    @Inject
    Pool pool;

    @Test
    void everyPageWithoutAValidSessionRedirectsToTheLogin() {
        String valid = logIn();
        String[] parts = valid.split("\\.");
        // a second earlier, so only the MAC can tell
        String tampered = String.join(".", parts[0], String.valueOf(Long.parseLong(parts[1]) - 1), parts[2], parts[3]);
        for (String page : PAGES) {
            noRedirects().when().get(page).then().statusCode(303).header("Location", "/console/login");
            noRedirects().cookie(ConsoleSessions.COOKIE, "v1.9999999999.bm9uY2U.bWFj").when().get(page).then()
                    .statusCode(303);
            noRedirects().cookie(ConsoleSessions.COOKIE, tampered).when().get(page).then().statusCode(303);
            noRedirects().cookie(ConsoleSessions.COOKIE, TOKEN).when().get(page).then().statusCode(303);
        }
    }

    @Test
    void aWrongTokenShowsTheFormAgainWith401AndSetsNothing() {
        noRedirects().formParam("token", "not-" + TOKEN).when().post("/console/login").then()
                .statusCode(401).contentType(containsString("text/html"))
                .header("Set-Cookie", nullValue())
                .body(containsString("That is not the admin token."));
        noRedirects().formParam("token", "").when().post("/console/login").then()
                .statusCode(401).header("Set-Cookie", nullValue())
                .body(containsString("Paste the admin token to log in."));
    }

    @Test
    void theAdminTokenOpensAShortSessionWhoseCookieIsNotTheToken() {
        Response login = noRedirects().formParam("token", TOKEN + "\n").when().post("/console/login");
        login.then().statusCode(303).header("Location", "/console");
        String cookie = login.getHeader("Set-Cookie");
        assertTrue(cookie.startsWith(ConsoleSessions.COOKIE + "=v1."), cookie);
        assertTrue(cookie.contains("; Path=/console;"), cookie);
        assertTrue(cookie.contains("; Max-Age=1800;"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "not over plain http: " + cookie);
        assertFalse(cookie.contains(TOKEN), cookie);

        noRedirects().cookie(ConsoleSessions.COOKIE, value(cookie)).when().get("/console").then()
                .statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .body(containsString("<h1>Federation tree</h1>"));
        noRedirects().cookie(ConsoleSessions.COOKIE, value(cookie)).when().get("/console/login").then()
                .statusCode(303).header("Location", "/console");
    }

    @Test
    void overHttpsTheCookieIsSecure() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestCertificates.directory().resolve("ca-trust.p12"))) {
            trusted.load(in, TestCertificates.PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);

        HttpResponse<String> login = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                httpsLogin.toURI()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(303, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.endsWith("; HttpOnly; SameSite=Strict; Secure"), cookie);
    }

    @Test
    void aSessionEndsWhenItsTimeIsUp() {
        String session = logIn();
        try {
            clock.advance(Duration.ofMinutes(29));
            noRedirects().cookie(ConsoleSessions.COOKIE, session).when().get("/console/batches").then()
                    .statusCode(200);
            clock.advance(Duration.ofMinutes(2));
            noRedirects().cookie(ConsoleSessions.COOKIE, session).when().get("/console/batches").then()
                    .statusCode(303).header("Location", "/console/login");
        } finally {
            clock.reset();
        }
    }

    @Test
    void logoutClearsTheCookie() {
        noRedirects().cookie(ConsoleSessions.COOKIE, logIn()).when().post("/console/logout").then()
                .statusCode(303).header("Location", "/console/login")
                .header("Set-Cookie", startsWith(ConsoleSessions.COOKIE + "=; Path=/console; Max-Age=0;"));
    }

    @Test
    void theAuditPageNamesTheFirstBrokenLink() {
        String session = logIn();
        audit.append(new AuditEvent(Instant.now().truncatedTo(ChronoUnit.MICROS), "ymt:member:610000",
                "ymt:member:840000", "console", Action.VERIFICATION, "console-forged", "GREEN", 1))
                .await().indefinitely();
        var row = pool.preparedQuery("select chain_id, seq, outcome from audit_event where target = $1")
                .execute(Tuple.of("console-forged")).await().indefinitely().iterator().next();
        String chain = row.getString("chain_id");
        long seq = row.getLong("seq");
        try {
            PastTheTriggers.setOutcome(pool, chain, seq, "FORGED");

            noRedirects().cookie(ConsoleSessions.COOKIE, session).when().get("/console/audit").then()
                    .statusCode(200)
                    .body(containsString("data-audit=\"broken\""))
                    .body(containsString("chain <code>" + chain + "</code>, event " + seq + ":"))
                    .body(containsString("the event&#39;s content does not match its hash"));
        } finally {
            PastTheTriggers.setOutcome(pool, chain, seq, row.getString("outcome"));
        }
        noRedirects().cookie(ConsoleSessions.COOKIE, session).when().get("/console/audit").then()
                .statusCode(200).body(containsString("data-audit=\"intact\""))
                .body(not(containsString("data-audit=\"broken\"")));
    }

    @Test
    void aLoginFormThatIsNotAFormIsRefused() {
        noRedirects().contentType("application/json").body("{\"token\":\"" + TOKEN + "\"}").when()
                .post("/console/login").then().statusCode(415).header("Set-Cookie", nullValue());
    }

    private static String logIn() {
        Response login = noRedirects().formParam("token", TOKEN).when().post("/console/login");
        login.then().statusCode(303);
        return value(login.getHeader("Set-Cookie"));
    }

    private static String value(String setCookie) {
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        assertTrue(value.matches("v1\\.[0-9]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), value);
        return value;
    }

    private static RequestSpecification noRedirects() {
        return given().redirects().follow(false);
    }
}
