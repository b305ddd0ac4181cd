package dev.touchline.core.domain.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Normalises client identifiers (email, phone to E.164, externalId) and refuses junk values. */
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
    return JUNK.contains(raw.trim().toLowerCase(Locale.ROOT));
  }

  public static Identifier email(String raw, String field) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    refuseJunk(raw, field);
    if (value.length() > MAX_EMAIL_LENGTH) {
      throw new InvalidIdentifierException(
          field, "email must be at most " + MAX_EMAIL_LENGTH + " characters");
    }
    if (!EMAIL.matcher(value).matches()) {
      throw new InvalidIdentifierException(field, "email is not a valid address: '" + raw + "'");
    }
    return new Identifier(IdentityType.EMAIL, value);
  }

  /** Parses a phone number in the given default region (ISO 3166 code) and formats it as E.164. */
  public static Identifier phone(String raw, String defaultRegion, String field) {
    refuseJunk(raw, field);
    String trimmed = raw.trim();
    if (trimmed.length() > 64) {
      throw new InvalidIdentifierException(field, "phone must be at most 64 characters");
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(trimmed, defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidIdentifierException(
          field, "phone '" + raw + "' cannot be parsed: " + e.getMessage());
    }
    if (!PHONES.isPossibleNumber(number)) {
      throw new InvalidIdentifierException(
          field, "phone '" + raw + "' is not a possible number in region " + defaultRegion);
    }
    return new Identifier(
        IdentityType.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  public static Identifier externalId(String raw, String field) {
    refuseJunk(raw, field);
    String value = raw.trim();
    if (value.length() > MAX_EXTERNAL_ID_LENGTH) {
      throw new InvalidIdentifierException(
          field, "externalId must be at most " + MAX_EXTERNAL_ID_LENGTH + " characters");
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

  private static void refuseJunk(String raw, String field) {
    if (isJunk(raw)) {
      throw new InvalidIdentifierException(
          field, field + " '" + raw + "' is a placeholder, not an identifier");
    }
  }
}
