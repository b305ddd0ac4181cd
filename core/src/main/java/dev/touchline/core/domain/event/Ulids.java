package dev.touchline.core.domain.event;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Mints ULIDs: 48 bits of milliseconds and 80 random bits, monotonic within a millisecond so that
 * ids minted by one generator always sort in minting order.
 */
public final class Ulids {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  /** A new ULID for the given instant (or for the last one used, if the clock went back). */
  public synchronized String next(Instant at) {
    long millis = Math.max(at.toEpochMilli(), lastMillis);
    if (millis == lastMillis) {
      randomLow++;
      if (randomLow == 0) {
        randomHigh = (randomHigh + 1) & 0xFFFF;
      }
    } else {
      lastMillis = millis;
      randomHigh = random.nextInt(1 << 15); // leave headroom so increments never overflow
      randomLow = random.nextLong();
    }
    return encode(millis, randomHigh, randomLow);
  }

  static String encode(long millis, long high16, long low64) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 random bits = high16 (16 bits) + low64 (64 bits), written as 16 base-32 chars.
    long low = low64;
    long high = high16;
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }
}
