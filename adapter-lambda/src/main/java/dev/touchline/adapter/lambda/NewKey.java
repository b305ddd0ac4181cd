package dev.touchline.adapter.lambda;

import dev.touchline.core.domain.apikey.ApiKeySecrets;

/**
 * Prints a new random API key, for the stack's {@code BootstrapKey} parameter:
 *
 * <pre>
 * java -cp adapter-lambda/target/touchline-lambda.jar dev.touchline.adapter.lambda.NewKey
 * </pre>
 *
 * Nothing is stored: the functions register the key (with every scope) at their first start.
 */
public final class NewKey {
  private NewKey() {}

  public static void main(String[] args) {
    System.out.println(ApiKeySecrets.generate());
  }
}
