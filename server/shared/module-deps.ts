// What every domain module's routes plugin receives from buildApp: the database, the library, the configuration.
import type { Kysely } from "kysely";
import type { Config } from "../config.js";
import type { Database } from "../db/schema.js";
import type { InstrumentRegistry } from "../modules/instruments/registry.js";

export interface ModuleDeps {
  db: Kysely<Database>;
  registry: InstrumentRegistry;
  config: Readonly<Config>;
}
