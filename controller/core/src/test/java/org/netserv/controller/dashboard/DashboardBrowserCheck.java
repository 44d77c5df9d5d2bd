package org.netserv.controller.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * DashboardBrowserCheck — the dashboard in a real browser (headless Chromium via Debian's
 * chromedriver), run by tests/dashboard/test-dashboard.sh against a real controller and
 * netserv-click.
 *
 * <p>Arguments: {@code URL ELEMENTS-FILE MODULE SETUP-CMD REMOVE-CMD SCREENSHOT}. Checks: the
 * page connects to its event stream; the drawn graph has exactly the engine's elements
 * (ELEMENTS-FILE, one name a line, from the engine's {@code list} handler); edges carry
 * counts that move; running SETUP-CMD (a signed SETUP through netserv-ctl) makes MODULE's row
 * appear within 2 s of the answer, with a TTL that counts down, and the NCM in the recent
 * list with its code; the screenshot is saved; REMOVE-CMD makes the row go within 2 s.
 * Prints {@code ok - ...} lines, exits 1 with {@code FAIL: ...} otherwise.
 */
public final class DashboardBrowserCheck {
    private static final long LIMIT_MS = 2_000;

    private DashboardBrowserCheck() {
    }

    public static void main(final String[] args) throws Exception {
        try {
            check(args);
        } catch (CheckFailed | org.openqa.selenium.TimeoutException e) {
            System.out.println("FAIL: " + e.getMessage().lines().findFirst().orElse(""));
            System.exit(1);
        }
    }

    private static void check(final String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: DashboardBrowserCheck URL ELEMENTS-FILE MODULE SETUP-CMD REMOVE-CMD SCREENSHOT");
            System.exit(2);
        }
        final String url = args[0];
        final Set<String> want = new TreeSet<>(Files.readAllLines(Path.of(args[1])).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
        final String module = args[2];
        final ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        final Path profile = Files.createTempDirectory("nsv-dash-chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1300", "--user-data-dir=" + profile);
        final ChromeDriverService svc = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        final WebDriver d = new ChromeDriver(svc, o);
        try {
            d.get(url);
            final WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20), Duration.ofMillis(50));
            wait.until(x -> x.findElement(By.id("conn")).getText().equals("live")
                    && !x.findElements(By.cssSelector("svg#graph g.node")).isEmpty());
            ok("page loaded, event stream live, node " + d.findElement(By.id("node-id")).getText());

            final Set<String> drawn = d.findElements(By.cssSelector("svg#graph g.node")).stream()
                    .map(e -> e.getAttribute("data-name")).collect(Collectors.toCollection(TreeSet::new));
            if (!drawn.equals(want)) {
                fail("graph elements differ from the engine's list: drawn " + drawn + " engine " + want);
            }
            final int edges = d.findElements(By.cssSelector("svg#graph path.edge")).size();
            ok("graph shows the router's " + drawn.size() + " elements and " + edges + " connections");

            // counts on the edges move (the engine's RatedSource keeps sending)
            final String before = edgeLabels(d);
            wait.until(x -> !edgeLabels(x).equals(before) && !edgeLabels(x).isBlank());
            ok("edge counts move: " + abbreviate(edgeLabels(d)));

            run(args[3], "SETUP");
            final long t0 = System.nanoTime();
            wait.until(x -> !x.findElements(By.cssSelector("#modules tr[data-module='" + module + "']")).isEmpty());
            final long setupMs = (System.nanoTime() - t0) / 1_000_000;
            if (setupMs > LIMIT_MS) {
                fail("module row appeared " + setupMs + " ms after the SETUP answer (limit " + LIMIT_MS + ")");
            }
            ok("SETUP: module " + module + " on the page " + setupMs + " ms after the answer");
            final WebElement ttl = d.findElement(By.cssSelector("#modules tr[data-module='" + module + "'] td.ttl"));
            final String ttl1 = ttl.getText();
            wait.until(x -> !x.findElement(By.cssSelector("#modules tr[data-module='" + module + "'] td.ttl")).getText()
                    .equals(ttl1));
            ok("TTL counts down: " + ttl1 + " -> "
                    + d.findElement(By.cssSelector("#modules tr[data-module='" + module + "'] td.ttl")).getText());
            wait.until(x -> x.findElement(By.cssSelector("#ncms tbody tr")).getText().contains("SETUP")
                    && x.findElement(By.cssSelector("#ncms tbody tr")).getText().contains("200"));
            ok("recent NCMs: " + d.findElement(By.cssSelector("#ncms tbody tr")).getText());
            // the container's resources come from its cgroup (the launcher always puts it in one here)
            wait.until(x -> x.findElement(By.cssSelector("#containers tr[data-slot] td[data-field='memory']")).getText()
                    .matches("[0-9.]+ [MG]iB"));
            ok("container resources from its cgroup: " + d.findElement(By.cssSelector("#containers tr[data-slot]")).getText());
            // let the module's packet count and the chart fill a little for the screenshot
            wait.until(x -> x.findElements(By.cssSelector("svg#chart polyline[data-series='" + module + "']")).size() == 1
                    && x.findElement(By.id("legend")).getText().contains(module));
            Thread.sleep(3_000);
            final Path shot = Path.of(args[5]);
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
            ok("screenshot " + shot + " (" + Files.size(shot) + " bytes)");

            run(args[4], "REMOVE");
            final long t1 = System.nanoTime();
            wait.until(x -> x.findElements(By.cssSelector("#modules tr[data-module='" + module + "']")).isEmpty());
            final long removeMs = (System.nanoTime() - t1) / 1_000_000;
            if (removeMs > LIMIT_MS) {
                fail("module row still there " + removeMs + " ms after the REMOVE answer (limit " + LIMIT_MS + ")");
            }
            ok("REMOVE: module gone from the page " + removeMs + " ms after the answer");
            System.out.println("MEASURED setup_to_page_ms=" + setupMs + " remove_to_page_ms=" + removeMs);
        } finally {
            d.quit();
            try (var w = Files.walk(profile)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String edgeLabels(final WebDriver d) {
        final List<WebElement> l = d.findElements(By.cssSelector("svg#graph text.elabel"));
        return l.stream().map(WebElement::getText).collect(Collectors.joining(" "));
    }

    private static void run(final String cmd, final String what) throws Exception {
        final Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            fail(what + " command failed: " + out);
        }
        ok(what + " answered: " + out);
    }

    private static String abbreviate(final String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static void ok(final String s) {
        System.out.println("ok - " + s);
    }

    private static void fail(final String s) {
        throw new CheckFailed(s);
    }

    /** A failed check; main prints it after the browser is closed. */
    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(final String s) {
            super(s);
        }
    }
}
