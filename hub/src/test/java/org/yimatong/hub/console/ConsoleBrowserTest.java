package org.yimatong.hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.GuardedMemberClient;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The admin console as an operator uses it, in Debian's headless Chromium: log in with the admin token, read the
 * federation tree (with what a child hub publishes below it), watch a member's breaker open after its platform goes
 * down, and read the batches, appeals and
 * audit pages. Screenshots go to {@code target/console-screenshots/}. Without Chromium and its driver the test is
 * skipped, except in CI ({@code CI=true}), where it fails.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** A platform of its own (prefix 84, used by no other test), so its breaker is this test's alone. */
    private static final String PLATFORM = "ymt:member:840000";
    /** A child hub (prefix 85) publishing two members of its own (a WireMock path of the federation). */
    private static final String CHILD_HUB = "ymt:hub:console85";
    private static final String GRANDCHILD = "ymt:member:851000";
    private static final String SUSPENDED_GRANDCHILD = "ymt:member:852000";
    /** A child hub (prefix 18) whose data centre is gone: what is below it is not known. */
    private static final String GONE_CHILD_HUB = "ymt:hub:console18";
    private static final Instant CHILD_HUB_KEY_EXPIRY = Instant.parse("2031-05-01T00:00:00Z");
    private static final String BATCH_TAG = "console-84-d1";
    private static final String STATEMENT = "Quarantine ended on Monday; the console must not show this.";

    @InjectFederation
    WireMockServer federation;

    @Inject
    CircuitBreakerMaintenance breakers;

    @TestHTTPResource("/console")
    URL console;

    private final Jwk platformKey = Jwk.generate(SignatureProfile.SM2);
    private WireMockServer platform;
    private WebDriver browser;

    @BeforeEach
    void givenAPlatformAnsweringAndAChildHub() {
        browser = startBrowser();
        platform = new WireMockServer(options().dynamicPort());
        platform.start();
        platform.stubFor(post(urlEqualTo("/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(liveAnswer("GREEN", PLATFORM))));
        platform.stubFor(post(urlEqualTo("/member/v1/appeals")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"homeReference\":\"HR-84-1\",\"receivedAt\":\"" + Instant.now() + "\"}")));
        Federation.registerMembers(federation);
        TestMembers.register(PLATFORM, platform.baseUrl(), platformKey, "84");
        federation.stubFor(get(urlEqualTo("/console85/v1/members")).willReturn(okJson("""
                [{"entityId":"%s","displayName":"Platform 851","kind":"PLATFORM","regionPrefixes":["851"],
                  "parent":"%s","status":"ACTIVE","trustMarks":[]},
                 {"entityId":"%s","displayName":"Platform 852","kind":"PLATFORM","regionPrefixes":["852"],
                  "parent":"%s","status":"SUSPENDED","trustMarks":[]}]""".formatted(GRANDCHILD, CHILD_HUB,
                SUSPENDED_GRANDCHILD, CHILD_HUB))));
        TestMembers.register(CHILD_HUB, "HUB", federation.baseUrl() + "/console85", Jwk.generate(SignatureProfile.SM2)
                .withExpiry(CHILD_HUB_KEY_EXPIRY), "ACTIVE", "85");
        TestMembers.register(GONE_CHILD_HUB, "HUB", Federation.deadUrl(), Jwk.generate(SignatureProfile.SM2),
                "ACTIVE", "18");
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null && platform.isRunning()) {
            platform.stop();
        }
    }

    @Test
    void operatorSeesTheTreeAndAMembersBreakerOpenWhenItsPlatformStops() {
        // given: the platform answered a verification (its breaker exists, closed), stored a batch, took an appeal
        verify().body("status", equalTo("GREEN"));
        ListBatches.upload(platformKey, PLATFORM, BATCH_TAG, LocalDate.parse("2026-12-01"), List.of(
                ListBatches.entry(ListBatches.sub("console-a"), Colour.RED, "840102"),
                ListBatches.entry(ListBatches.sub("console-b"), Colour.YELLOW, "840103"))).statusCode(201);
        String forwarded = fileAppeal().body("state", equalTo("FORWARDED")).extract().path("id");

        // when: a page is asked for without a session, then a wrong token is pasted
        browser.get(console.toString());
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "redirected to the login form: "
                + browser.getCurrentUrl());
        logIn("not-the-admin-token");
        // then: the form again, with an error, and no cookie
        assertEquals("That is not the admin token.", browser.findElement(By.id("login-error")).getText());
        assertNull(browser.manage().getCookieNamed(ConsoleSessions.COOKIE), "a wrong token sets nothing");
        screenshot("01-login-refused");

        // when: the admin token is pasted
        logIn(TestMembers.ADMIN.substring("Bearer ".length()));
        // then: the tree, behind an HttpOnly, SameSite=Strict cookie that is not the token
        assertTrue(browser.getCurrentUrl().endsWith("/console"), browser.getCurrentUrl());
        Cookie session = browser.manage().getCookieNamed(ConsoleSessions.COOKIE);
        assertNotNull(session, "logged in");
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertEquals("/console", session.getPath());
        assertFalse(session.getValue().contains(TestMembers.ADMIN.substring("Bearer ".length())));
        assertEquals(TestMembers.HUB_ID, browser.findElement(By.id("hub-entity-id")).getText());
        assertEquals("ymt:hub:parent", browser.findElement(By.id("hub-parent")).getText());

        WebElement row = member(PLATFORM);
        assertEquals("PLATFORM", row.findElement(By.className("kind")).getText());
        assertEquals("ACTIVE", row.findElement(By.className("status")).getText());
        assertEquals("84", row.findElement(By.className("prefixes")).getText());
        assertEquals("v1", row.findElement(By.className("dialect")).getText());
        assertEquals("closed", breaker(PLATFORM).getAttribute("data-breaker"));
        assertEquals("true", breaker(PLATFORM).getAttribute("data-called"));
        assertEquals(BATCH_TAG, row.findElement(By.className("batch-tag")).getText());
        assertEquals("2", row.findElement(By.className("batch-count")).getText());
        assertTrue(row.findElement(By.className("last-batch")).getText().contains("day 2026-12-01"));
        assertEquals("no expiry", row.findElement(By.className("key-expiry")).getText());

        WebElement hub = member(CHILD_HUB);
        assertEquals("HUB", hub.findElement(By.className("kind")).getText());
        assertEquals("85", hub.findElement(By.className("prefixes")).getText());
        assertEquals("closed", breaker(CHILD_HUB).getAttribute("data-breaker"));
        assertEquals("false", breaker(CHILD_HUB).getAttribute("data-called"),
                "reading its members for the page is no call its breaker counts");
        assertTrue(breaker(CHILD_HUB).getText().contains("not called yet"), breaker(CHILD_HUB).getText());
        assertTrue(hub.findElement(By.className("key-expiry")).getText().contains("2031-05-01 00:00:00 UTC"));
        assertEquals("none yet", hub.findElement(By.className("last-batch")).getText());
        // below the child hub, its own members as it publishes them
        WebElement grandchild = below(CHILD_HUB, GRANDCHILD);
        assertEquals("ACTIVE", grandchild.findElement(By.className("status")).getText());
        assertEquals("851", grandchild.findElement(By.className("prefixes")).getText());
        assertEquals("SUSPENDED", below(CHILD_HUB, SUSPENDED_GRANDCHILD).findElement(By.className("status"))
                .getText());
        // and where a child hub does not answer, the page says so instead of an empty subtree
        WebElement unknown = browser.findElement(By.cssSelector("tr.below-unknown[data-below-of='" + GONE_CHILD_HUB
                + "']"));
        assertTrue(unknown.getText().contains(GONE_CHILD_HUB + " unavailable"), unknown.getText());
        screenshot("02-tree-breaker-closed");

        // when: the platform stops, and verifications routed to it go on until its breaker opens
        platform.stop();
        int sent = 0;
        while (breakers.currentState(GuardedMemberClient.breakerName(PLATFORM)) != CircuitBreakerState.OPEN) {
            if (++sent > 10) {
                fail("the breaker of " + PLATFORM + " did not open after 10 failed verifications");
            }
            verify().body("status", equalTo("UNKNOWN")).body("reason", equalTo("HOME_UNAVAILABLE"));
        }
        String kept = fileAppeal().body("state", equalTo("RECEIVED")).extract().path("id");

        // then: the reloaded tree shows it open
        browser.navigate().refresh();
        assertEquals("open", breaker(PLATFORM).getAttribute("data-breaker"));
        assertTrue(breaker(PLATFORM).getAttribute("class").contains("breaker-open"));
        assertEquals("closed", breaker(CHILD_HUB).getAttribute("data-breaker"), "the other member is unaffected");
        assertTrue(browser.findElement(By.id("open-breakers")).getText().matches("[1-9][0-9]* not closed"),
                "counted among the breakers not closed (other tests' members may be too)");
        screenshot("03-tree-breaker-open");

        // the batches page: the stored batch with its counts
        browser.findElement(By.id("nav-batches")).click();
        WebElement batch = browser.findElement(By.cssSelector("#stored tr[data-batch='" + BATCH_TAG + "']"));
        assertEquals(PLATFORM, batch.getAttribute("data-member"));
        assertEquals("2", batch.findElement(By.className("count")).getText());
        screenshot("04-batches");

        // the appeals page: the one the platform took, and the one kept while it is down; never the statement
        browser.findElement(By.id("nav-appeals")).click();
        WebElement taken = browser.findElement(By.cssSelector("tr[data-appeal='" + forwarded + "']"));
        assertEquals("FORWARDED", taken.getAttribute("data-state"));
        assertTrue(taken.getText().contains("HR-84-1"), taken.getText());
        WebElement waiting = browser.findElement(By.cssSelector("tr[data-appeal='" + kept + "']"));
        assertEquals("RECEIVED", waiting.getAttribute("data-state"));
        assertTrue(waiting.getText().contains(PLATFORM), waiting.getText());
        assertFalse(browser.getPageSource().contains("Quarantine ended"), "the statement is never shown");
        screenshot("05-appeals");

        // the audit page: the chain check ran and verifies, over at least this test's verifications
        browser.findElement(By.id("nav-audit")).click();
        WebElement verdict = browser.findElement(By.id("audit-verdict"));
        assertEquals("intact", verdict.getAttribute("data-audit"), verdict.getText());
        long events = Long.parseLong(verdict.getText().replaceAll("^The audit chain verifies: (\\d+) events.*$",
                "$1"));
        assertTrue(events >= sent + 1, "the check covered this test's verifications: " + verdict.getText());
        screenshot("06-audit");

        // when: the operator logs out, the console is closed again
        browser.findElement(By.id("logout")).click();
        assertTrue(landsOnTheLoginPage(), browser.getCurrentUrl());
        assertNull(browser.manage().getCookieNamed(ConsoleSessions.COOKIE), "the cookie is cleared");
        browser.get(console.toString() + "/audit");
        assertTrue(landsOnTheLoginPage(), browser.getCurrentUrl());
    }

    /** Whether the browser arrives at the login page once the navigation under way (a redirect) has finished. */
    private boolean landsOnTheLoginPage() {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlMatches("/console/login$"));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private void logIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login")).click();
        // the answer (the form again, or the redirect to the tree) replaces this page: read nothing before it has
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(field));
    }

    /** A direct member's row (a child hub may publish a member of the same id below it, in another row). */
    private WebElement member(String entityId) {
        return browser.findElement(By.cssSelector("tr[data-member='" + entityId + "']:not(.below)"));
    }

    /** The row of a member {@code childHub} publishes below it. */
    private WebElement below(String childHub, String entityId) {
        return browser.findElement(By.cssSelector("tr.below[data-below-of='" + childHub + "'][data-member='"
                + entityId + "']"));
    }

    private WebElement breaker(String entityId) {
        return member(entityId).findElement(By.cssSelector("td[data-breaker]"));
    }

    private io.restassured.response.ValidatableResponse verify() {
        return asCaller().body(verificationRequest(code(platformKey, PLATFORM, "840102"))).when()
                .post("/v1/verifications").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse fileAppeal() {
        return asCaller().body("""
                {"sub":"%s","rgn":"840102","ground":"LISTING_EXPIRED","statement":"%s"}"""
                .formatted(ListBatches.sub("console-a"), STATEMENT)).when().post("/v1/appeals").then().statusCode(201);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Debian's Chromium and its driver, both by path, so Selenium Manager never looks for (or downloads) either.
     * Root needs {@code --no-sandbox}; containers have a small {@code /dev/shm}.
     */
    private static WebDriver startBrowser() {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        String missing = CHROMIUM + " and " + CHROMEDRIVER + " are needed (Debian packages chromium and"
                + " chromium-driver; .ci/run installs them)";
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but the console cannot be tested in a browser: " + missing);
            }
            Assumptions.abort("skipped: " + missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2)).pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
