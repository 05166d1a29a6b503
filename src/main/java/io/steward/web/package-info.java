/** The browser UI shell: server-rendered pages (jte) over the modules' public APIs; no decisions of its own. */
@org.springframework.modulith.ApplicationModule
package io.steward.web;
