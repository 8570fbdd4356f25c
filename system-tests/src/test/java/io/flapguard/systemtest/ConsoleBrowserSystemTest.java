package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.stack.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The console as people use it, in a real headless Chromium against the real services and the simulated seed fleet
 * with approvals on: a viewer sees the fleet, the implicated cohort and a router's timeline but cannot approve; an
 * approver approves the waiting waves and watches the rollout complete, live. The screenshots go to
 * docs/screenshots/ (the README shows one).
 */
class ConsoleBrowserSystemTest {
    private static final Path SCREENSHOTS = RunningSystem.HOME.resolve("docs/screenshots");

    @TempDir
    Path data;

    @Test
    void aViewerSeesTheFleetAndARouterAndAnApproverApprovesTheRolloutToTheEnd() {
        Browser.requireChromium();
        Map<String, String> properties = SeedCaseSystemTest.fastLoop();
        properties.put("flapguard.updater.rollout.approval-required", "true");
        Path scenario = RunningSystem.scenario("seed-case", 4, Map.of(), data);
        try (RunningSystem system = RunningSystem.start(data, scenario, SeedCaseSystemTest.SECONDS_PER_DAY, properties);
                Browser browser = Browser.open(data.resolve("chromium"), 1280, 900)) {
            Set<String> flapping = system.serialsOfGroup("a09-upgraded");
            Credentials viewer = system.stack.addUser("vera", "viewer");
            Credentials approver = system.stack.addUser("alex", "approver");
            String console = system.stack.service("analyzer-service").baseUrl();

            browser.logIn(console, viewer.user(), viewer.password());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(browser.text("#who-name")).isEqualTo("vera (viewer)"));
            String serial = fleetShowsTheImplicatedCohortAndItsRouters(browser, flapping);
            browser.screenshot(SCREENSHOTS.resolve("console-fleet.png"));
            routerPageShowsTheTimelineAndTheEvidence(browser, console, serial);
            browser.screenshot(SCREENSHOTS.resolve("console-router.png"));
            String rollout = viewerSeesTheWaitingRolloutButCannotApprove(browser, console);

            browser.logIn(console, approver.user(), approver.password());
            browser.go(console + "/console/#/rollouts");
            approveEveryWaveUntilAllAreUpdated(browser, system, flapping.size());
            // every router of the rollout, its wave and how its update ended
            browser.one("details[data-rollout-routers] summary").click();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(browser.all("details[data-rollout-routers] tbody tr[data-serial]")).hasSize(flapping.size());
                assertThat(browser.all("details[data-rollout-routers] tr[data-status=SUCCEEDED]")).hasSize(flapping.size());
            });
            browser.screenshot(SCREENSHOTS.resolve("console-rollouts.png"));
            assertThat(system.flashCounts().entrySet()).allSatisfy(e ->
                    assertThat(e.getValue()).as(e.getKey()).isEqualTo(flapping.contains(e.getKey()) ? 1 : 0));

            browser.go(console + "/console/#/audit");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.text("#audit"))
                    .contains("alex").contains("rollout.approve").contains(rollout));
            browser.screenshot(SCREENSHOTS.resolve("console-audit.png"));
            browser.go(console + "/console/#/attention");
            await().atMost(Duration.ofSeconds(20)).until(() -> !browser.all("#attention").isEmpty());

            // on a phone-sized screen nothing runs off the side: wide tables scroll inside their own box
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.go(console + "/console/#/fleet");
            await().atMost(Duration.ofSeconds(20)).until(() -> !browser.all("#cohorts").isEmpty());
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(1);
            browser.screenshot(SCREENSHOTS.resolve("console-fleet-phone.png"));
        }
    }

    private static String fleetShowsTheImplicatedCohortAndItsRouters(Browser browser, Set<String> flapping) {
        Set<String> listed = new TreeSet<>();
        // the page as a person reloads it until the analyzer has diagnosed every flapping router
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
            browser.driver.navigate().refresh();
            await().atMost(Duration.ofSeconds(20)).until(() -> !browser.all("#routers").isEmpty());
            assertThat(browser.all("#cohorts tr.implicated")).as("implicated cohorts").hasSize(1);
            assertThat(browser.text("#cohorts tr.implicated")).contains("EG12").contains("EG12EAPAR01A09M4G");
            browser.driver.executeScript("document.querySelector('#cause-filter').value = 'FIRMWARE'");
            browser.one("#router-search button[type=submit]").click();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                listed.clear();
                for (WebElement row : browser.all("#routers tbody tr[data-serial]")) {
                    listed.add(row.getAttribute("data-serial"));
                }
                assertThat(listed).containsExactlyInAnyOrderElementsOf(flapping);
            });
        });
        return listed.iterator().next();
    }

    private static void routerPageShowsTheTimelineAndTheEvidence(Browser browser, String console, String serial) {
        browser.one("#routers a[href='#/router/" + serial + "']").click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.text("#router-serial")).isEqualTo(serial);
            assertThat(browser.all("#timeline rect.incident").size()).isGreaterThanOrEqualTo(3);
            assertThat(browser.all("#timeline rect.incident.modem")).isNotEmpty();
            assertThat(browser.all("#timeline path.penalty")).hasSize(1);
            assertThat(browser.text("#router-cause")).contains("firmware");
            assertThat(browser.text("#evidence")).contains("Decided by");
        });
    }

    private static String viewerSeesTheWaitingRolloutButCannotApprove(Browser browser, String console) {
        browser.go(console + "/console/#/rollouts");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !browser.all("article.rollout[data-state=WAITING_FOR_APPROVAL]").isEmpty());
        String rollout = browser.one("article.rollout").getAttribute("data-rollout");
        assertThat(browser.all("button[data-action=approve]")).as("a viewer is shown no approve button").isEmpty();
        // and the API refuses a viewer who tries anyway, through the console's own origin
        Object status = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/updater/rollouts/' + arguments[0] + '/approve', {method: 'POST', headers: {"
                + "'Content-Type': 'application/json', Authorization: sessionStorage.getItem('flapguard.auth')},"
                + "body: '{}'}).then(r => done(r.status), e => done(String(e)));", rollout);
        assertThat(status).isEqualTo(403L);
        return rollout;
    }

    private static void approveEveryWaveUntilAllAreUpdated(Browser browser, RunningSystem system, int routers) {
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try {
                List<WebElement> approve = browser.all("button[data-action=approve]");
                if (!approve.isEmpty() && approve.get(0).isEnabled()) {
                    approve.get(0).click();
                }
                return browser.text("article.rollout .counts").contains("succeeded " + routers + " ");
            } catch (StaleElementReferenceException e) {
                return false; // the page refreshed under the click: look again
            }
        });
        assertThat(system.rollouts()).allSatisfy(r -> assertThat(r.path("failed").asInt()).isZero());
    }
}
