package org.sfcrime.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and its driver, driven by Selenium without its manager (which would download a
 * driver, and this machine's network is closed to that). Where they are missing, a test is skipped
 * with the install command, except under CI=true, where a missing browser fails the build.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install chromium chromium-driver";

    private HeadlessChromium() {
    }

    /** Skips (or under CI fails) the calling test when the browser or its driver is not installed. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            Assertions.fail("no " + BROWSER + " or " + DRIVER + " under CI: " + INSTALL);
        }
        Assumptions.assumeTrue(installed, "browser test skipped: no " + BROWSER + " or " + DRIVER + " (" + INSTALL + ")");
    }

    /** A fresh headless browser with its own profile folder; its console is readable through LogType.BROWSER. */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
