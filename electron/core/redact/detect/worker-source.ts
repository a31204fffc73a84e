/**
 * The inference thread's code, plain CommonJS given as source text (as in core/vault), so it
 * loads the same way under tsx, vitest, the bundled CLI and Electron. It only crops, resizes and
 * runs the models, and hands back raw outputs: decoding and tracking stay in typed, tested code
 * on the calling side.
 *
 * BlazeFace is stored with a batch of 1 (input [1,256,256,3], and its four output reshapes to
 * [1,N,C]); the loader rewrites those to -1 so all regions of a frame run as one batch, which
 * measured ~10 % faster than one call per region with bit-identical outputs. CenterNet (COCO
 * objects, 512 px, for people) loads on first use only.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { files, size } = workerData;
const tf = require(files.core);
const tfc = require(files.converter);
const wasm = require(files.wasm);
function readModel(jsonPath, batched) {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const bin = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  if (batched) {
    json.modelTopology.node.find((n) => n.op === 'Placeholder').attr.shape.shape.dim[0].size = '-1';
    let off = 0;
    for (const s of weightSpecs) {
      const n = s.shape.reduce((a, b) => a * b, 1);
      if (s.name.endsWith('/shape') && s.dtype === 'int32') new Int32Array(bin.buffer, bin.byteOffset + off, n)[0] = -1;
      off += n * 4;
    }
  }
  return tfc.loadGraphModel({ load: async () => ({
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
    weightSpecs, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length),
  }) });
}
async function init() {
  wasm.setWasmPaths(files.wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
  await tf.ready();
  return readModel(files.modelJson, true);
}
let personModel = null;
const ready = init();
ready.then(() => parentPort.postMessage({ op: 'ready' }), (e) => parentPort.postMessage({ op: 'ready', error: String(e && e.message || e) }));
async function faces(model, img, w, h, regions) {
  if (regions.length === 0) return null;
  const res = tf.tidy(() => {
    // past the frame's edge cropAndResize fills with 0: black letterboxing
    const boxes = regions.map((r) => [r.y / h, r.x / w, (r.y + r.size) / h, (r.x + r.size) / w]);
    const crops = tf.sub(tf.div(tf.image.cropAndResize(img, boxes, regions.map(() => 0), [size, size], 'bilinear', 0), 127.5), 1);
    return model.execute(crops);
  });
  // outputs in size order: scores of 384 anchors, of 512, boxes of 384, of 512
  const sorted = [...res].sort((a, b) => a.size - b.size);
  const data = await Promise.all(sorted.map((t) => t.data()));
  res.forEach((t) => t.dispose());
  return { scores384: data[0], scores512: data[1], boxes384: data[2], boxes512: data[3] };
}
async function persons(img) {
  if (!personModel) personModel = await readModel(files.personJson, false);
  // the whole frame stretched to the model's 512x512, raw 0..255 values, as human feeds it
  const out = tf.tidy(() => personModel.execute(tf.image.resizeBilinear(img, [512, 512]), ['tower_0/detections']));
  const data = await out.data();
  out.dispose();
  return data;
}
parentPort.on('message', async (m) => {
  let img = null;
  try {
    const model = await ready;
    const { width: w, height: h, regions } = m;
    img = tf.tidy(() => tf.cast(tf.tensor4d(new Uint8Array(m.frame), [1, h, w, 3], 'int32'), 'float32'));
    const f = await faces(model, img, w, h, regions);
    const p = m.persons ? await persons(img) : null;
    const transfer = [...(f ? Object.values(f).map((a) => a.buffer) : []), ...(p ? [p.buffer] : [])];
    parentPort.postMessage({ op: 'result', id: m.id, faces: f, persons: p }, transfer);
  } catch (e) {
    parentPort.postMessage({ op: 'result', id: m.id, error: String(e && e.message || e) });
  } finally {
    if (img) img.dispose();
  }
});
`;
