// Where the repository's folders are, for tests that read the real instrument library.
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SURVEYS_DIR = path.join(ROOT, "surveys");
