/** CSV import and export: new callers of the record service, never a new path to the tables. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"records", "schema", "access", "audit", "shared"})
package io.steward.imports;
