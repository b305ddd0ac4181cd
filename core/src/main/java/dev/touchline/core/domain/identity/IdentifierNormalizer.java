package dev.touchline.core.domain.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.touchline.core.domain.error.Excerpt;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises client identifiers (email, phone to E.164, externalId) and refuses junk values. Values
 * are stripped of leading and trailing whitespace, Unicode's included (an em space as much as a
 * blank).
 */
public final class IdentifierNormalizer {
  /** The longest externalId accepted. */
  public static final int MAX_EXTERNAL_ID_LENGTH = 256;

  /** The longest email accepted (RFC 5321 path limit). */
  public static final int MAX_EMAIL_LENGTH = 254;

  private static final Set<String> JUNK =
      Set.of(
          "",
          "null",
          "nil",
          "none",
          "undefined",
          "anonymous",
          "guest",
          "unknown",
          "n/a",
          "na",
          "0",
          "-1",
          "false",
          "true",
          "test",
          "[object object]");

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private IdentifierNormalizer() {}

  /** Whether a value is a placeholder that clients send instead of a real identifier. */
  public static boolean isJunk(String raw) {
    return JUNK.contains(raw.strip().toLowerCase(Locale.ROOT));
  }

  public static Identifier email(String raw, String field) {
    String value = raw.strip().toLowerCase(Locale.ROOT);
    refuseJunk(raw, field);
    if (value.length() > MAX_EMAIL_LENGTH) {
      throw new InvalidIdentifierException(
          field, "email must be at most " + MAX_EMAIL_LENGTH + " characters");
    }
    if (!EMAIL.matcher(value).matches()
        || hasInvisible(value)
        || value.codePoints().anyMatch(Character::isSpaceChar)) {
      throw new InvalidIdentifierException(
          field, "email is not a valid address: " + Excerpt.quoted(raw));
    }
    return new Identifier(IdentityType.EMAIL, value);
  }

  /** Parses a phone number in the given default region (ISO 3166 code) and formats it as E.164. */
  public static Identifier phone(String raw, String defaultRegion, String field) {
    refuseJunk(raw, field);
    String trimmed = raw.strip();
    if (trimmed.length() > 64) {
      throw new InvalidIdentifierException(field, "phone must be at most 64 characters");
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(trimmed, defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidIdentifierException(
          field, "phone " + Excerpt.quoted(raw) + " cannot be parsed as a phone number");
    }
    if (!PHONES.isPossibleNumber(number)) {
      throw new InvalidIdentifierException(
          field,
          "phone " + Excerpt.quoted(raw) + " is not a possible number in region " + defaultRegion);
    }
    return new Identifier(
        IdentityType.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  public static Identifier externalId(String raw, String field) {
    refuseJunk(raw, field);
    String value = raw.strip();
    if (value.length() > MAX_EXTERNAL_ID_LENGTH) {
      throw new InvalidIdentifierException(
          field, "externalId must be at most " + MAX_EXTERNAL_ID_LENGTH + " characters");
    }
    if (hasInvisible(value)) {
      throw new InvalidIdentifierException(
          field, "externalId must not contain control or invisible characters");
    }
    return new Identifier(IdentityType.EXTERNAL_ID, value);
  }

  /** Normalises an identifier of the given type. */
  public static Identifier normalize(
      IdentityType type, String raw, String defaultRegion, String field) {
    return switch (type) {
      case EMAIL -> email(raw, field);
      case PHONE -> phone(raw, defaultRegion, field);
      case EXTERNAL_ID -> externalId(raw, field);
    };
  }

  /** Whether a region code is one libphonenumber knows. */
  public static boolean isSupportedRegion(String region) {
    return PHONES.getSupportedRegions().contains(region);
  }

  /**
   * Whether a value holds a control character (NUL, line breaks…), an invisible formatting
   * character (zero-width space or joiner, BOM, direction marks) or an unpaired surrogate: such a
   * value would look equal to another while not being so.
   */
  static boolean hasInvisible(String value) {
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1)))) {
        return true;
      }
      int cp = value.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static void refuseJunk(String raw, String field) {
    if (isJunk(raw)) {
      throw new InvalidIdentifierException(
          field, field + " " + Excerpt.quoted(raw) + " is a placeholder, not an identifier");
    }
  }
}
