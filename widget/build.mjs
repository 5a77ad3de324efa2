// Bundles src/widget.js (with socket.io-client) into one small script served by the web app:
// bot/web/static/widget/widget.js. Run by `make widget` (npm ci, then this).
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = resolve(here, "..", "bot", "web", "static", "widget", "widget.js");
mkdirSync(dirname(outfile), { recursive: true });

const result = await build({
  entryPoints: [resolve(here, "src", "widget.js")],
  bundle: true,
  format: "iife",
  target: ["es2020", "chrome90", "firefox90", "safari14"],
  minify: true,
  legalComments: "eof",
  outfile,
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`widget: ${outfile} (${Math.round(bytes / 1024)} KiB)`);
