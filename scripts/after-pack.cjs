// electron-builder's afterPack hook (electron-builder.json). The ffprobe packages set only the
// owner's execute bit (chmod u+x); installed by root (.deb) or mounted (AppImage), that owner is not
// the user, who then cannot run it. So every bundled ffmpeg/ffprobe becomes rwxr-xr-x.
const { chmodSync, existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

/** The app.asar.unpacked folder of a packed app: resources/ on Linux and Windows, inside the .app on macOS. */
function unpackedDirs(dir, depth = 4) {
  if (depth < 0 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => (e.name === 'app.asar.unpacked' ? [path.join(dir, e.name)] : unpackedDirs(path.join(dir, e.name), depth - 1)));
}

function bundledBinaries(unpacked) {
  const modules = path.join(unpacked, 'node_modules');
  const scope = path.join(modules, '@ffprobe-installer');
  const probes = existsSync(scope) ? readdirSync(scope).map((p) => path.join(scope, p, 'ffprobe')) : [];
  return [path.join(modules, 'ffmpeg-static', 'ffmpeg'), ...probes].filter((p) => existsSync(p));
}

/** Returns the files it made executable, for the build log and the test. */
exports.default = async function afterPack(context) {
  // Windows has no execute bit.
  if (context.electronPlatformName === 'win32') return [];
  const files = unpackedDirs(context.appOutDir).flatMap(bundledBinaries);
  for (const f of files) chmodSync(f, 0o755);
  return files;
};
