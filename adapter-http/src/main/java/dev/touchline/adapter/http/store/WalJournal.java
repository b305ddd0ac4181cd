package dev.touchline.adapter.http.store;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The embedded store's SQLite journal. DynamoDB Local leaves SQLite in its default rollback
 * journal, which syncs several times per write; in WAL mode each write is one sync of the log,
 * still durable (DynamoDB Local's connection keeps SQLite's default {@code synchronous=FULL}), and
 * about twice as fast here. The mode is stored in the database file, so it is set once, while no
 * other connection has the file open. Must be called after DynamoDB Local has loaded SQLite's
 * native library in this JVM, and on one thread (sqlite4java connections are confined to their
 * thread).
 */
public final class WalJournal {
  private static final long BUSY_TIMEOUT_MILLIS = 10_000;

  private WalJournal() {}

  /** The file's journal mode, e.g. {@code delete} or {@code wal}. */
  public static String mode(Path file) throws SQLiteException {
    return pragma(file, "PRAGMA journal_mode");
  }

  /** Switches the file to WAL; nothing else may have it open. Returns the mode now in force. */
  public static String enable(Path file) throws SQLiteException {
    return pragma(file, "PRAGMA journal_mode=WAL");
  }

  /**
   * SQLite's full check of the file ({@code PRAGMA integrity_check}): {@code ok}, or the first
   * problem found. The server must not be running on the file.
   */
  public static String integrityCheck(Path file) throws SQLiteException {
    return pragma(file, "PRAGMA integrity_check");
  }

  private static String pragma(Path file, String sql) throws SQLiteException {
    SQLiteConnection db = new SQLiteConnection(file.toFile());
    try {
      db.open(false);
      // DynamoDB Local's connection may still be closing (the last connection to a WAL file
      // checkpoints it under an exclusive lock): wait for the lock instead of failing at once.
      db.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      SQLiteStatement statement = db.prepare(sql);
      try {
        statement.step();
        return statement.columnString(0).toLowerCase(Locale.ROOT);
      } finally {
        statement.dispose();
      }
    } finally {
      db.dispose();
    }
  }
}
