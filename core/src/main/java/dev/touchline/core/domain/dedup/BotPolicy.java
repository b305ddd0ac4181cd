package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.event.EventInput;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Recognises bot traffic: {@code context.bot: true}, or a user agent containing a known marker. */
public record BotPolicy(boolean enabled, List<String> userAgentMarkers) {

  /** Markers found in the user agents of crawlers, link previewers and headless browsers. */
  public static final List<String> DEFAULT_MARKERS =
      List.of(
          "bot",
          "crawler",
          "spider",
          "slurp",
          "crawl",
          "headlesschrome",
          "phantomjs",
          "facebookexternalhit",
          "embedly",
          "quora link preview",
          "outbrain",
          "pinterest",
          "vkshare",
          "w3c_validator",
          "whatsapp",
          "preview",
          "lighthouse",
          "python-requests",
          "curl/",
          "wget",
          "go-http-client",
          "apache-httpclient",
          "okhttp",
          "scrapy");

  public static final BotPolicy DEFAULT = new BotPolicy(true, DEFAULT_MARKERS);

  public BotPolicy {
    Objects.requireNonNull(userAgentMarkers, "userAgentMarkers");
    userAgentMarkers = userAgentMarkers.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether this event is bot traffic under this policy. */
  public boolean isBot(EventInput input) {
    if (!enabled) {
      return false;
    }
    if (input.bot()) {
      return true;
    }
    return input
        .context()
        .userAgent()
        .map(ua -> ua.toLowerCase(Locale.ROOT))
        .map(ua -> userAgentMarkers.stream().anyMatch(ua::contains))
        .orElse(false);
  }
}
