package io.billow.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Debian's headless Chromium through its own chromedriver (nothing is downloaded), with the
 * waits a page that renders after its API calls needs.
 */
final class Browser implements AutoCloseable {

    static final Dimension LAPTOP = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** A page longer than this (a long timeline) is cut: the top is what a screenshot is for. */
    private static final int MAX_HEIGHT = 4000;

    private final ChromeDriver driver;
    private final String base;

    Browser(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,768",
                "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String hash) {
        driver.get(base + "/" + hash);
    }

    void go(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash);
        until(d -> hash.equals(d.findElement(By.id("main")).getAttribute("data-ready")));
    }

    WebElement find(String css) {
        return until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e : null;
        });
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            if (!e.isDisplayed() || !e.isEnabled()) {
                return null;
            }
            e.click();
            return true;
        });
    }

    /** Clicks something that renders the page anew (the clock's buttons), and waits for the new page. */
    void clickAndWaitForPage(String css) {
        String before = String.valueOf(driver.findElement(By.id("main")).getAttribute("data-render"));
        click(css);
        until(d -> !before.equals(String.valueOf(d.findElement(By.id("main")).getAttribute("data-render"))));
    }

    /** Types into a field and leaves it, as a user does: the page reacts to the change. */
    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text, Keys.TAB);
    }

    void choose(String css, String value) {
        until(d -> {
            new Select(d.findElement(By.cssSelector(css))).selectByValue(value);
            return true;
        });
    }

    /** The element's text once it is shown; read inside the wait, as a page that renders again replaces the element. */
    String text(String css) {
        return until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e.getText() : null;
        });
    }

    /** Waits until the element's text contains the fragment, and returns the text. */
    String waitText(String css, String fragment) {
        return until(d -> {
            String t = d.findElement(By.cssSelector(css)).getText();
            return t.contains(fragment) ? t : null;
        });
    }

    <T> T until(Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the user would have seen, for the report.
            throw new AssertionError("timed out; the page said:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * The whole page, not only what fits in the window, at a laptop's width and a phone's, into the
     * build output: Chromium draws beyond the viewport when asked through the DevTools protocol.
     */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (var size : new Dimension[]{LAPTOP, PHONE}) {
            driver.manage().window().setSize(size);
            // Two frames: the layout (and the chart's width) follow the new size before the capture.
            driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
            Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
            Number height = (Number) driver.executeScript("return Math.min(document.documentElement.scrollHeight, " + MAX_HEIGHT + ")");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
            Files.write(SCREENSHOTS.resolve(name + "-" + (size == LAPTOP ? "laptop" : "phone") + ".png"), png);
        }
        driver.manage().window().setSize(LAPTOP);
    }

    /** The operator shows an account through the picker: searched by its id, chosen, switched to. */
    void pickAccount(String accountId) {
        type("#account-search", accountId);
        until(d -> accountId.equals(new Select(d.findElement(By.id("account-picker"))).getFirstSelectedOption().getAttribute("value"))
                && d.findElements(By.cssSelector("#account-picker option")).size() == 2);
        click("#switch-submit");
        waitText("#who-account", accountId);
    }

    /** Review, acknowledge a warning if there is one, confirm. */
    void confirmChange() {
        click("#flow-review");
        find("#flow-confirmation");
        if (present("#flow-ack")) {
            click("#flow-ack");
        }
        click("#flow-confirm");
        find("#flow-progress");
    }

    String cookieHeader() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
