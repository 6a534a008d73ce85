package io.consentflow.bootstrap.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One headless Chromium for a test class (Debian's {@code chromium} and {@code chromium-driver}), started before its
 * first test and quit after its last. Where neither is installed the class is skipped with a message saying so,
 * unless {@code -Dconsentflow.browserTests=required} (what {@code .ci/run} sets): then a missing browser fails.
 * Screenshots go to {@code target/screenshots}, or to the folder {@code -Dconsentflow.screenshots} names (the
 * README's pictures are made with {@code ../docs/console}).
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver driver;

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed) {
            String message = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install chromium chromium-driver";
            if ("required".equals(System.getProperty("consentflow.browserTests"))) {
                throw new IllegalStateException(message + " (required here: -Dconsentflow.browserTests=required)");
            }
            Assumptions.abort("skipped: " + message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) driver.quit();
    }

    /** The page's width as laid out, in CSS pixels, is no wider than the window: nothing scrolls sideways. */
    public boolean scrollsSideways() {
        Object wider = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        return Boolean.TRUE.equals(wider);
    }

    /** Resizes the window so that the page's viewport is {@code width} CSS pixels wide. */
    public void viewportWidth(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Object inner = ((JavascriptExecutor) driver).executeScript("return window.innerWidth");
        int delta = width - ((Number) inner).intValue();
        if (delta != 0) driver.manage().window().setSize(new Dimension(width + delta, height));
    }

    /** A full-window screenshot named {@code name}.png. */
    public void screenshot(String name) {
        Path dir = Path.of(System.getProperty("consentflow.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
