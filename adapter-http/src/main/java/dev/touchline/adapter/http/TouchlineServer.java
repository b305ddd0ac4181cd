package dev.touchline.adapter.http;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The Touchline HTTP server: {@code java -jar touchline-server.jar}. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Touchline",
            version = "1",
            description =
                "Customer-event ingestion for marketing automation and CRM: events in; contacts,"
                    + " timelines and the incoming log out. Errors are {\"error\": {code, message,"
                    + " field?}}."))
@SecurityScheme(
    name = TouchlineServer.API_KEY,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "X-API-Key")
@SecurityScheme(name = TouchlineServer.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class TouchlineServer {
  static final String API_KEY = "apiKey";
  static final String BEARER = "bearer";

  private TouchlineServer() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(TouchlineServer.class).banner(false).start();
  }
}
