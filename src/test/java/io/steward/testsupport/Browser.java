package io.steward.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver; nothing is downloaded). Where they are not
 * installed the browser tests are skipped, except in CI (CI=true), where a missing browser fails the build.
 */
public final class Browser implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final String baseUrl;

  public Browser(String baseUrl) {
    boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    try {
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
    this.baseUrl = baseUrl;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(baseUrl + path);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  public void click(String css) {
    find(css).click();
  }

  /** Clicks something that loads a new page, and waits until the new page has replaced the old one. */
  public void submit(String css) {
    clickAndWait(find(css));
  }

  public void clickAndWait(WebElement element) {
    WebElement html = driver.findElement(By.tagName("html"));
    element.click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
      try {
        html.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) { // stale, or (during the swap) no longer in the document
        return true;
      }
    });
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Saves a screenshot when {@code -Dsteward.screenshots=DIR} is set (for looking at pages, not for asserting). */
  public void screenshot(String name) {
    String dir = System.getProperty("steward.screenshots");
    if (dir == null || !(driver instanceof org.openqa.selenium.TakesScreenshot shooter)) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      java.nio.file.Files.write(java.nio.file.Path.of(dir, name + ".png"), shooter.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
