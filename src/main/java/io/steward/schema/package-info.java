/** Object types and fields, their classifications, search modes and purposes: the metadata every record follows. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "access", "shared"})
package io.steward.schema;
