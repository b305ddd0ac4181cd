package dev.touchline.core.domain.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The key format {@code tl_live_<32 base62 chars>_<6 base62 checksum chars>}: generation, a
 * checksum that rejects typos and random strings before any lookup, and the one-way hash that is
 * stored.
 */
public final class ApiKeySecrets {
  public static final String PREFIX = "tl_live_";
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern SHAPE = Pattern.compile("tl_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}");
  private static final Pattern PUBLIC_ID = Pattern.compile("key_[0-9a-f]{12}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The length of every key: prefix, 32 characters, separator, 6-character checksum. */
  public static final int LENGTH = PREFIX.length() + 32 + 1 + 6;

  private ApiKeySecrets() {}

  /** A fresh random key. */
  public static String generate() {
    StringBuilder body = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      body.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return PREFIX + body + "_" + checksum(body.toString());
  }

  /** Whether a presented key has the right shape and checksum (no lookup needed to refuse junk). */
  public static boolean isWellFormed(String key) {
    if (key == null || key.length() != LENGTH || !SHAPE.matcher(key).matches()) {
      return false;
    }
    String body = key.substring(PREFIX.length(), PREFIX.length() + 32);
    String sum = key.substring(PREFIX.length() + 33);
    return MessageDigest.isEqual(
        checksum(body).getBytes(StandardCharsets.US_ASCII),
        sum.getBytes(StandardCharsets.US_ASCII));
  }

  /** The stored form of a key: SHA-256, hex. */
  public static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** How many of a secret's last characters a key's listing shows. */
  public static final int HINT_CHARS = 4;

  /** The last {@link #HINT_CHARS} characters of a key: enough to recognise it, not to use it. */
  public static String hint(String key) {
    return key.substring(key.length() - HINT_CHARS);
  }

  /** Whether text has the shape of a key's public id ({@link #publicId}). */
  public static boolean isPublicId(String text) {
    return text != null && PUBLIC_ID.matcher(text).matches();
  }

  /** A short public id for a key: the first 12 hex chars of its hash. */
  public static String publicId(String key) {
    return "key_" + hash(key).substring(0, 12);
  }

  static String checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[6];
    for (int i = 5; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }
}
