package dev.touchline.adapter.http;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.TouchlineException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work on the default workspace, before the server takes requests: records it among the
 * deployment's workspaces, installs the configuration file ({@code TOUCHLINE_CONFIG}) and makes
 * sure a key can call the API — the bootstrap key ({@code TOUCHLINE_BOOTSTRAP_KEY}) with every
 * scope, or, when none is set and the workspace has no key yet, a new one printed once.
 */
@Context
@Requires(property = "touchline.mode", notEquals = "consumer")
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

  private final Optional<String> generatedKey;

  public Bootstrap(Touchline engine, ServerSettings settings) {
    this(engine, settings, System.out);
  }

  Bootstrap(Touchline engine, ServerSettings settings, PrintStream console) {
    if (engine.workspaces().ensureRecorded(settings.workspace())) {
      LOG.info(
          "workspace {}: recorded as this deployment's default workspace", settings.workspace());
    }
    settings.configFile().ifPresent(file -> installConfig(engine, settings, file));
    this.generatedKey = ensureKey(engine, settings, console);
  }

  /** The key created at this start, if one was (it is printed once and not kept anywhere). */
  public Optional<String> generatedKey() {
    return generatedKey;
  }

  private static void installConfig(
      Touchline engine, ServerSettings settings, java.nio.file.Path file) {
    String document;
    try {
      document = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot read the workspace configuration file " + file + " (TOUCHLINE_CONFIG): " + e, e);
    }
    Caller operator = Caller.trusted(settings.workspace());
    if (engine.workspaceConfig().get(operator).document().equals(document)) {
      LOG.info("workspace {}: configuration from {} already installed", settings.workspace(), file);
      return;
    }
    try {
      var stored = engine.workspaceConfig().replace(operator, document);
      LOG.info(
          "workspace {}: configuration from {} installed (version {})",
          settings.workspace(),
          file,
          stored.version());
    } catch (TouchlineException e) {
      throw new ConfigurationException(
          "the workspace configuration file "
              + file
              + " (TOUCHLINE_CONFIG) is invalid: "
              + e.getMessage()
              + e.field().map(f -> " (at " + f + ")").orElse(""),
          e);
    }
  }

  private static Optional<String> ensureKey(
      Touchline engine, ServerSettings settings, PrintStream console) {
    if (settings.bootstrapKey().isPresent()) {
      String secret = settings.bootstrapKey().get();
      if (!ApiKeySecrets.isWellFormed(secret)) {
        throw new ConfigurationException(
            "TOUCHLINE_BOOTSTRAP_KEY is not a Touchline key (tl_live_<32 letters or digits>_<6"
                + " checksum characters>); leave it unset and the server creates one at first"
                + " start");
      }
      switch (engine
          .apiKeys()
          .ensureRegistered(
              settings.workspace(),
              secret,
              EnumSet.allOf(Scope.class),
              settings.bootstrapRateLimit())) {
        case REGISTERED ->
            LOG.info(
                "workspace {}: bootstrap key {} registered",
                settings.workspace(),
                ApiKeySecrets.publicId(secret));
        case REVOKED ->
            LOG.warn(
                "TOUCHLINE_BOOTSTRAP_KEY ({}) was revoked; it stays revoked",
                ApiKeySecrets.publicId(secret));
        case ALREADY_REGISTERED -> {}
      }
      return Optional.empty();
    }
    if (!engine.apiKeys().list(settings.workspace()).isEmpty()) {
      return Optional.empty();
    }
    var issued =
        engine
            .apiKeys()
            .issue(
                settings.workspace(),
                "bootstrap",
                EnumSet.allOf(Scope.class),
                settings.bootstrapRateLimit());
    console.println();
    console.println("  Touchline created an API key for workspace '" + settings.workspace() + "':");
    console.println();
    console.println("    " + issued.secret());
    console.println();
    console.println(
        "  It has every scope, platform included. It is shown only now: only its hash is stored.");
    console.println();
    console.flush();
    return Optional.of(issued.secret());
  }
}
