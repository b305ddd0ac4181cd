package dev.touchline.core.domain.event;

import java.util.List;
import java.util.Optional;

/** Where an event came from: session, page, campaign and client details, all optional. */
public record EventContext(
    Optional<String> sessionId,
    Optional<String> pageUrl,
    Optional<String> referrer,
    Optional<String> utmSource,
    Optional<String> utmMedium,
    Optional<String> utmCampaign,
    Optional<String> userAgent,
    Optional<String> ip) {

  public static final EventContext EMPTY =
      new EventContext(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public EventContext {
    sessionId = nonNull(sessionId);
    pageUrl = nonNull(pageUrl);
    referrer = nonNull(referrer);
    utmSource = nonNull(utmSource);
    utmMedium = nonNull(utmMedium);
    utmCampaign = nonNull(utmCampaign);
    userAgent = nonNull(userAgent);
    ip = nonNull(ip);
  }

  private static Optional<String> nonNull(Optional<String> value) {
    return value == null ? Optional.empty() : value;
  }

  /** The field names, in the order of the record components, as they appear on the wire. */
  public static final List<String> FIELDS =
      List.of(
          "sessionId",
          "pageUrl",
          "referrer",
          "utmSource",
          "utmMedium",
          "utmCampaign",
          "userAgent",
          "ip");

  /** The values in the order of {@link #FIELDS}. */
  public List<Optional<String>> values() {
    return List.of(sessionId, pageUrl, referrer, utmSource, utmMedium, utmCampaign, userAgent, ip);
  }

  /** Builds a context from values in the order of {@link #FIELDS}. */
  public static EventContext fromValues(List<Optional<String>> v) {
    if (v.size() != FIELDS.size()) {
      throw new IllegalArgumentException("expected " + FIELDS.size() + " context values");
    }
    return new EventContext(
        v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7));
  }
}
