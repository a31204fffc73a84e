import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface DetectorFiles {
  core: string;
  converter: string;
  wasm: string;
  /** folder of the .wasm binaries, with a trailing separator (the backend appends file names) */
  wasmDir: string;
  modelJson: string;
  /** CenterNet (COCO objects), for people whose face is not seen */
  personJson: string;
}

// No import.meta here: Playwright's loader compiles this file to CommonJS and refuses a module
// that mentions it. __filename exists in every runner we use (vitest, tsx, the CLI bundle, Electron).
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(__filename);

/** Where the inference runtime and the models' weights (BlazeFace, CenterNet) are: inside installed npm packages, never downloaded. */
export function detectorFiles(): DetectorFiles {
  const missing = (what: string, pkg: string): Error =>
    new Error(`The face detector cannot start: ${what} is missing. Reinstall Kluis, or in a source checkout run \`npm ci\` (it comes with the package ${pkg}).`);
  const resolve = (pkg: string): string => {
    try {
      return req.resolve(pkg);
    } catch {
      throw missing(`the package ${pkg}`, pkg);
    }
  };
  const wasm = resolve('@tensorflow/tfjs-backend-wasm');
  const wasmDir = path.dirname(wasm) + path.sep;
  if (!existsSync(path.join(wasmDir, 'tfjs-backend-wasm-simd.wasm'))) throw missing('tfjs-backend-wasm-simd.wasm', '@tensorflow/tfjs-backend-wasm');
  // human's "exports" reach only its Node build, which wants tfjs-node; its models folder sits beside dist/
  const modelJson = path.join(path.dirname(resolve('@vladmandic/human')), '..', 'models', 'blazeface.json');
  if (!existsSync(modelJson) || !existsSync(modelJson.replace(/\.json$/, '.bin'))) throw missing('the BlazeFace model (models/blazeface.json and .bin)', '@vladmandic/human');
  const personJson = path.join(path.dirname(modelJson), 'centernet.json');
  if (!existsSync(personJson) || !existsSync(personJson.replace(/\.json$/, '.bin'))) throw missing('the person model (models/centernet.json and .bin)', '@vladmandic/human');
  return { core: resolve('@tensorflow/tfjs-core'), converter: resolve('@tensorflow/tfjs-converter'), wasm, wasmDir, modelJson, personJson };
}
