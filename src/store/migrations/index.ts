import { Migration20261122000001 } from "./Migration20261122000001.js";
import { Migration20261122000002 } from "./Migration20261122000002.js";
import { Migration20261127000003 } from "./Migration20261127000003.js";
import { Migration20261127000004 } from "./Migration20261127000004.js";
import { Migration20261127000005 } from "./Migration20261127000005.js";
import { Migration20261127000006 } from "./Migration20261127000006.js";
import { Migration20261127000007 } from "./Migration20261127000007.js";
import { Migration20261127000008 } from "./Migration20261127000008.js";
import { Migration20261127000009 } from "./Migration20261127000009.js";
import { Migration20261127000010 } from "./Migration20261127000010.js";

/** Every migration, in order. New ones are appended here; applied ones are never edited. */
export const migrations = [
  { name: "Migration20261122000001", class: Migration20261122000001 },
  { name: "Migration20261122000002", class: Migration20261122000002 },
  { name: "Migration20261127000003", class: Migration20261127000003 },
  { name: "Migration20261127000004", class: Migration20261127000004 },
  { name: "Migration20261127000005", class: Migration20261127000005 },
  { name: "Migration20261127000006", class: Migration20261127000006 },
  { name: "Migration20261127000007", class: Migration20261127000007 },
  { name: "Migration20261127000008", class: Migration20261127000008 },
  { name: "Migration20261127000009", class: Migration20261127000009 },
  { name: "Migration20261127000010", class: Migration20261127000010 },
];
