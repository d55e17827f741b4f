// Builds the dashboard into rasid/web/static/ (git-ignored): run by `npm run build` (the Makefile's
// setup does `npm ci && npm run build`). esbuild bundles our JS with Leaflet and topojson-client and
// our CSS with Leaflet's; the world-atlas borders and the licences are copied beside them. Nothing
// is fetched at run time: the dashboard works offline.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static");
const require = createRequire(import.meta.url);
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["es2020"],
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: "warning",
});

// index.html is served at / and loads everything else from /static/
cpSync(join(here, "src", "index.html"), join(out, "index.html"));
cpSync(join(pkgDir("world-atlas"), "countries-50m.json"), join(out, "countries-50m.json"));
const licences = ["leaflet", "topojson-client", "world-atlas"].map((name) => {
  const dir = pkgDir(name);
  const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  return `== ${name} ${version} ==\n` + readFileSync(join(dir, "LICENSE"), "utf8");
});
writeFileSync(join(out, "THIRD-PARTY-LICENSES.txt"), licences.join("\n\n"));
console.log(`dashboard built into ${out}`);
