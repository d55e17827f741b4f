// Builds the dashboard into rasid/web/static/: run by `npm run build` (the Makefile's setup does
// `npm ci && npm run build` when npm is there). esbuild bundles our JS with Leaflet and topojson-client
// and our CSS with Leaflet's; the world-atlas borders, Swagger UI (the API docs page at /docs) and the
// licences are copied beside them. Nothing is fetched at run time: dashboard and docs work offline.
//
// The build is committed (issue 16): `pip install .` on a machine without node ships it as it is.
// SOURCES.sha256 records the sha256 of every file the build is made from (the same list as
// build_backend/rasid_build.py's dashboard_sources); tests/test_package.py fails when it no longer
// matches them, i.e. when the committed build is stale: run `make dashboard` and commit rasid/web/static.
// RASID_WEB_OUT builds elsewhere (the test that rebuilds and compares byte for byte).
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = process.env.RASID_WEB_OUT || join(here, "static");
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
// the API docs page (/docs, rasid/api/app.py) loads Swagger UI from here instead of a CDN
const swagger = pkgDir("swagger-ui-dist");
mkdirSync(join(out, "swagger"));
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) {
  cpSync(join(swagger, name), join(out, "swagger", name));
}
const licences = ["leaflet", "topojson-client", "world-atlas", "swagger-ui-dist"].map((name) => {
  const dir = pkgDir(name);
  const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  const notice = name === "swagger-ui-dist" ? "\n" + readFileSync(join(dir, "NOTICE"), "utf8") : "";
  return `== ${name} ${version} ==\n` + readFileSync(join(dir, "LICENSE"), "utf8") + notice;
});
writeFileSync(join(out, "THIRD-PARTY-LICENSES.txt"), licences.join("\n\n"));

// what this build is made of: package.json, package-lock.json, build.mjs and every file of src/
const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]);
const sources = ["package.json", "package-lock.json", "rasid/web/build.mjs"]
  .concat(files(join(here, "src")).map((f) => relative(root, f).split("\\").join("/")))
  .sort();
const sha = (rel) => createHash("sha256").update(readFileSync(join(root, rel))).digest("hex");
writeFileSync(join(out, "SOURCES.sha256"), sources.map((rel) => `${sha(rel)}  ${rel}\n`).join(""));
console.log(`dashboard built into ${out}`);
