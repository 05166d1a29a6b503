package io.steward.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * Marks a {@link CliCommand} bean and names it. The name and usage are read from the class file before Spring
 * starts, so {@code help} and a mistyped command answer at once and never open the data folder.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface Command {

  /** The words that select the command, e.g. {@code "token create"}. */
  String name();

  /** The options, e.g. {@code "--user EMAIL --name NAME --expires-in 30d"}. */
  String usage() default "";

  /** One line saying what the command does. */
  String summary();
}
