package dev.touchline.adapter.http;

import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's start-up settings, from {@code application.yml} and the environment (see the
 * README's configuration table). Invalid values stop the server with a message naming the setting.
 */
@Singleton
public final class ServerSettings {

  /** Where the engine keeps its data. */
  public enum Store {
    /** DynamoDB Local in process, its data in a file under the data directory. */
    EMBEDDED,
    /** A DynamoDB endpoint (AWS, or anything speaking its protocol). */
    DYNAMODB,
    /** In memory: lost on stop. For tests, benchmarks and trying things out. */
    MEMORY
  }

  private final Store store;
  private final Path dataDir;
  private final Optional<Path> configFile;
  private final Optional<String> bootstrapKey;
  private final RateLimit bootstrapRateLimit;
  private final WorkspaceId workspace;
  private final IngestLimits limits;
  private final String dynamoDbTable;
  private final Optional<String> dynamoDbRegion;
  private final Optional<String> dynamoDbEndpoint;
  private final boolean dynamoDbCreateTable;

  public ServerSettings(
      @Value("${touchline.store:embedded}") String store,
      @Value("${touchline.data-dir:./touchline-data}") String dataDir,
      @Value("${touchline.config-file:}") String configFile,
      @Value("${touchline.bootstrap-key:}") String bootstrapKey,
      @Value("${touchline.bootstrap-key-burst:200}") long bootstrapBurst,
      @Value("${touchline.bootstrap-key-per-second:100}") double bootstrapPerSecond,
      @Value("${touchline.bootstrap-rate-limit:}") String bootstrapRateLimit,
      @Value("${touchline.workspace:default}") String workspace,
      @Value("${touchline.max-body-bytes:1048576}") int maxBodyBytes,
      @Value("${touchline.dynamodb.table:touchline}") String dynamoDbTable,
      @Value("${touchline.dynamodb.region:}") String dynamoDbRegion,
      @Value("${touchline.dynamodb.endpoint:}") String dynamoDbEndpoint,
      @Value("${touchline.dynamodb.create-table:false}") boolean dynamoDbCreateTable) {
    this.store = parseStore(store);
    if (dataDir.isBlank()) {
      throw new ConfigurationException("touchline.data-dir (TOUCHLINE_DATA_DIR) must not be blank");
    }
    this.dataDir = Path.of(dataDir.trim()).toAbsolutePath().normalize();
    this.configFile = blankToEmpty(configFile).map(Path::of);
    this.bootstrapKey = blankToEmpty(bootstrapKey);
    try {
      this.bootstrapRateLimit =
          blankToEmpty(bootstrapRateLimit)
              .map(ServerSettings::bootstrapRateLimit)
              .orElseGet(() -> new RateLimit(bootstrapBurst, bootstrapPerSecond));
      this.workspace = new WorkspaceId(workspace.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("touchline bootstrap settings: " + e.getMessage(), e);
    }
    IngestLimits d = IngestLimits.DEFAULT;
    if (maxBodyBytes < d.maxEventBytes()) {
      throw new ConfigurationException(
          "touchline.max-body-bytes (TOUCHLINE_MAX_BODY_BYTES) must be at least the event limit, "
              + d.maxEventBytes()
              + " bytes: "
              + maxBodyBytes);
    }
    this.limits =
        new IngestLimits(
            maxBodyBytes,
            d.maxEventBytes(),
            d.maxBatchItems(),
            d.maxDepth(),
            d.maxStringLength(),
            d.maxTypeLength(),
            d.maxFutureSkew());
    if (dynamoDbTable.isBlank()) {
      throw new ConfigurationException("touchline.dynamodb.table must not be blank");
    }
    this.dynamoDbTable = dynamoDbTable.trim();
    this.dynamoDbRegion = blankToEmpty(dynamoDbRegion);
    this.dynamoDbEndpoint = blankToEmpty(dynamoDbEndpoint);
    this.dynamoDbCreateTable = dynamoDbCreateTable;
  }

  private static Store parseStore(String value) {
    try {
      return Store.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.store (TOUCHLINE_STORE) must be embedded, dynamodb or memory, not '"
              + value
              + "'");
    }
  }

  /** A setting left blank is a setting not given. */
  static Optional<String> blankToEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public Store store() {
    return store;
  }

  /** The embedded store's directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** A workspace configuration document to install in the default workspace at start-up. */
  public Optional<Path> configFile() {
    return configFile;
  }

  private static RateLimit bootstrapRateLimit(String text) {
    try {
      return RateLimit.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.bootstrap-rate-limit (TOUCHLINE_BOOTSTRAP_RATE_LIMIT): " + e.getMessage(), e);
    }
  }

  public Optional<String> bootstrapKey() {
    return bootstrapKey;
  }

  public RateLimit bootstrapRateLimit() {
    return bootstrapRateLimit;
  }

  /** The workspace the bootstrap key and the configuration file belong to. */
  public WorkspaceId workspace() {
    return workspace;
  }

  public IngestLimits limits() {
    return limits;
  }

  public String dynamoDbTable() {
    return dynamoDbTable;
  }

  public Optional<String> dynamoDbRegion() {
    return dynamoDbRegion;
  }

  public Optional<String> dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public boolean dynamoDbCreateTable() {
    return dynamoDbCreateTable;
  }
}
