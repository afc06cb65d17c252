package dev.tokenkeep.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plays the person at the browser in the demo: opens the authorization URL and follows the
 * provider's redirect to tokenkeep's listener on 127.0.0.1. Prints where it landed.
 */
final class DemoBrowser {
  private DemoBrowser() {}

  public static void main(String[] args) throws Exception {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println("browser: redirected to " + page.uri().getScheme() + "://" + page.uri().getAuthority()
        + page.uri().getPath() + " (HTTP " + page.statusCode() + ")");
  }
}
