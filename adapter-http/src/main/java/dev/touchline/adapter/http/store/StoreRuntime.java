package dev.touchline.adapter.http.store;

import com.almworks.sqlite4java.SQLiteException;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * An opened store, for every process that picks one (the server, the events-queue consumer): in
 * {@link Memory memory}, {@link Embedded embedded} (DynamoDB Local in this JVM on a file), or a
 * {@link Endpoint DynamoDB endpoint}. Closing it releases what opening it took. Framework-free: a
 * setting that does not hold is an {@link IllegalStateException} naming it.
 */
public sealed interface StoreRuntime extends AutoCloseable
    permits StoreRuntime.Memory, StoreRuntime.Embedded, StoreRuntime.Endpoint {

  /** The embedded store's database file, inside the data directory. */
  String EMBEDDED_FILE = "touchline.db";

  /**
   * The store's kind as the settings name it: {@code memory}, {@code embedded}, {@code dynamodb}.
   */
  String kind();

  /** The DynamoDB table this store keeps its data in; empty in memory. */
  Optional<DynamoDbStore> table();

  /** The table's name, for the stores that have one. */
  default Optional<String> tableName() {
    return table().map(DynamoDbStore::tableName);
  }

  /** Whether the store answers: always in memory, its table exists for the others. */
  default boolean reachable() {
    return table().map(DynamoDbStore::tableExists).orElse(true);
  }

  /**
   * Whether this process alone uses the store (memory, and the embedded store's data file), so that
   * nothing a previous run began can still be running.
   */
  default boolean exclusive() {
    return !(this instanceof Endpoint);
  }

  /**
   * Points the builder's storage ports at this store (in memory: the builder's defaults). On a
   * store this process alone uses, an event a previous run left unfinished (killed between its
   * writes) is finished by its first resend: claims taken before now are abandoned.
   */
  default Touchline.Builder configure(Touchline.Builder builder, Clock clock) {
    if (exclusive()) {
      builder.abandonedBefore(clock.instant());
    }
    return table().map(t -> DynamoDbStorage.on(t, clock).configure(builder)).orElse(builder);
  }

  @Override
  void close();

  /** Data in memory, lost on stop. */
  static StoreRuntime memory() {
    Log.LOG.info("store: memory (data is lost when the process stops)");
    return new Memory();
  }

  /**
   * DynamoDB Local started in this JVM on {@code <dataDir>/touchline.db} (switched once to SQLite's
   * WAL journal), with the table made if missing.
   */
  static StoreRuntime embedded(Path dataDir, String table) {
    return Embedded.open(dataDir, table);
  }

  /**
   * A DynamoDB endpoint (AWS, or anything speaking its protocol) through the SDK's credential
   * chain.
   *
   * @param createTable make the table if it is missing; otherwise a missing table fails the open
   */
  static StoreRuntime dynamoDb(
      String table, Optional<String> region, Optional<String> endpoint, boolean createTable) {
    return Endpoint.open(table, region, endpoint, createTable);
  }

  /** In memory: nothing opened, nothing to close. */
  record Memory() implements StoreRuntime {
    @Override
    public String kind() {
      return "memory";
    }

    @Override
    public Optional<DynamoDbStore> table() {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }

  /** DynamoDB Local in this JVM on its database file. */
  record Embedded(DynamoDbStore store, AmazonDynamoDBLocal local, Path file)
      implements StoreRuntime {
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(10);

    public Embedded {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(file, "file");
    }

    static Embedded open(Path dataDir, String table) {
      Path file = dataDir.resolve(EMBEDDED_FILE).toAbsolutePath();
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create the data directory "
                + dataDir.toAbsolutePath()
                + " (TOUCHLINE_DATA_DIR)",
            e);
      }
      if (Files.isDirectory(file)) {
        // DynamoDB Local hangs when given a directory instead of its database file.
        throw new IllegalStateException(file + " is a directory; it must be the embedded database");
      }
      AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), false);
      try {
        DynamoDbStore store = new DynamoDbStore(local.dynamoDbClient(), table);
        store.createTableIfMissing(true);
        if (!"wal".equals(journalMode(file))) {
          // Once per data file: restart DynamoDB Local on the file switched to SQLite's WAL
          // journal.
          release(local, file);
          switchToWal(file);
          local = DynamoDBEmbedded.create(file.toFile(), false);
          store = new DynamoDbStore(local.dynamoDbClient(), table);
        }
        Log.LOG.info("store: embedded DynamoDB Local, data in {}", file);
        return new Embedded(store, local, file);
      } catch (RuntimeException e) {
        release(local, file);
        throw e;
      }
    }

    @Override
    public String kind() {
      return "embedded";
    }

    @Override
    public Optional<DynamoDbStore> table() {
      return Optional.of(store);
    }

    @Override
    public void close() {
      release(local, file);
    }

    /**
     * Stops DynamoDB Local and waits until its SQLite connection has let go of the file, so the
     * next opener (a restart in the same JVM, the WAL switch, a test reading the file) does not
     * find it locked. DynamoDB Local closes its connection on its own thread and returns at once;
     * the last connection to a WAL database checkpoints it and deletes the {@code -wal} file as it
     * closes, so that file's absence says the close has finished.
     */
    private static void release(AmazonDynamoDBLocal local, Path file) {
      local.shutdownNow();
      Path wal = file.resolveSibling(file.getFileName() + "-wal");
      long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
      try {
        while (Files.exists(wal) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (Files.exists(wal)) {
        Log.LOG.warn(
            "embedded store: {} still has its write-ahead log {} after the shutdown; is another"
                + " process using the same data directory?",
            file,
            RELEASE_TIMEOUT);
      }
    }

    private static String journalMode(Path file) {
      try {
        return WalJournal.mode(file);
      } catch (SQLiteException e) {
        Log.LOG.warn("cannot read the journal mode of {}: {}", file, e.getMessage());
        return "unknown";
      }
    }

    private static void switchToWal(Path file) {
      try {
        String mode = WalJournal.enable(file);
        Log.LOG.info("embedded store: SQLite journal mode of {} is now {}", file, mode);
      } catch (SQLiteException e) {
        // Still durable in the default journal, only slower.
        Log.LOG.warn("cannot switch {} to SQLite's WAL journal: {}", file, e.getMessage());
      }
    }
  }

  /** A DynamoDB endpoint, reached with a client this store owns. */
  record Endpoint(DynamoDbStore store, DynamoDbClient client) implements StoreRuntime {
    public Endpoint {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(client, "client");
    }

    static Endpoint open(
        String table, Optional<String> region, Optional<String> endpoint, boolean createTable) {
      DynamoDbClientBuilder builder =
          DynamoDbClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .overrideConfiguration(DynamoDbStore.clientOverrides());
      region.map(Region::of).ifPresent(builder::region);
      endpoint.map(URI::create).ifPresent(builder::endpointOverride);
      DynamoDbClient client;
      try {
        client = builder.build();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "cannot create the DynamoDB client (set TOUCHLINE_DYNAMODB_REGION or AWS_REGION, and"
                + " credentials the AWS SDK can find): "
                + e.getMessage(),
            e);
      }
      DynamoDbStore store = new DynamoDbStore(client, table);
      try {
        if (createTable) {
          store.createTableIfMissing(true);
        } else if (!store.tableExists()) {
          throw new IllegalStateException(
              "the DynamoDB table '"
                  + table
                  + "' does not exist; create it (SAM template or"
                  + " TOUCHLINE_DYNAMODB_CREATE_TABLE=true)");
        }
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
      Log.LOG.info(
          "store: DynamoDB table {} at {}", table, endpoint.orElse("the region's endpoint"));
      return new Endpoint(store, client);
    }

    @Override
    public String kind() {
      return "dynamodb";
    }

    @Override
    public Optional<DynamoDbStore> table() {
      return Optional.of(store);
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
