/**
 * Keys and sealing: the key provider seam, envelope encryption of record tiers, blind indexes and online
 * key rotation. Nothing outside this module touches a key.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.steward.crypto;
