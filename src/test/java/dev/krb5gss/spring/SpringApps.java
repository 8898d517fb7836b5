package dev.krb5gss.spring;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts a real Spring Boot application (embedded Tomcat on 127.0.0.1, a free port) for the
 * Spring tests, on whichever Boot the test class path holds (4 by default, 3.5 in the
 * spring-boot3 surefire execution).
 */
public final class SpringApps {
  static {
    // Boot would otherwise replace the JUL handlers our log assertions read.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
  }

  private SpringApps() {}

  /** Runs {@code config} with {@code properties}; {@code beans} may register singletons first. */
  public static ConfigurableApplicationContext start(Class<?> config,
      Map<String, Object> properties, Consumer<GenericApplicationContext> beans) {
    SpringApplication app = new SpringApplication(config);
    // an application compiled at test time lives in its own class loader: Spring's proxies too
    app.setResourceLoader(new DefaultResourceLoader(config.getClassLoader()));
    app.setBannerMode(Banner.Mode.OFF);
    Map<String, Object> all = new HashMap<>();
    all.put("server.port", "0");
    all.put("server.address", "127.0.0.1");
    all.put("spring.main.register-shutdown-hook", "false");
    all.putAll(properties);
    app.setDefaultProperties(all);
    if (beans != null) {
      app.addInitializers(ctx -> beans.accept((GenericApplicationContext) ctx));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(config.getClassLoader());
    try {
      return app.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  public static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
