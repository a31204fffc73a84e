/*
 * ChaCha20-Poly1305 (RFC 8439) for WebAssembly with SIMD, the AEAD of age's STREAM payload.
 *
 * Why it exists: Electron's BoringSSL offers no chacha20-poly1305 through node:crypto, and the
 * pure JavaScript fallback ran at a tenth of the age tool's speed. ChaCha20 runs four blocks at
 * once in 128-bit lanes; Poly1305 is poly1305-donna-32 (26-bit limbs, 32x32->64 products, which
 * WebAssembly does in constant time), two blocks per step in 64-bit lanes with r^2. Both are checked byte for byte against
 * OpenSSL and the RFC's vectors (tests/unit/share/age-wasm.test.ts).
 *
 * Build: electron/core/share/age/wasm/build.sh (clang + wasm-ld 14 or later), which writes the
 * module as base64 into chacha20poly1305.wasm.ts so it travels inside the bundle.
 *
 * Interface: one call works on the buffers at fixed addresses below (key, nonce, input, output).
 * No allocation, no imports, no libc.
 */
#include <stdint.h>
#include <wasm_simd128.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

#define MAX_MESSAGE (65536 + 16)

static u8 key_buf[32];
static u8 nonce_buf[12];
static u8 in_buf[MAX_MESSAGE] __attribute__((aligned(16)));
static u8 out_buf[MAX_MESSAGE] __attribute__((aligned(16)));

__attribute__((export_name("key_ptr"))) u8 *key_ptr(void) { return key_buf; }
__attribute__((export_name("nonce_ptr"))) u8 *nonce_ptr(void) { return nonce_buf; }
__attribute__((export_name("in_ptr"))) u8 *in_ptr(void) { return in_buf; }
__attribute__((export_name("out_ptr"))) u8 *out_ptr(void) { return out_buf; }
__attribute__((export_name("max_message"))) u32 max_message(void) { return MAX_MESSAGE; }

static inline u32 ld32(const u8 *p) {
  u32 v;
  __builtin_memcpy(&v, p, 4); /* WebAssembly is little-endian */
  return v;
}
static inline void st32(u8 *p, u32 v) { __builtin_memcpy(p, &v, 4); }

static void wipe(void *p, u32 n) {
  volatile u8 *q = (volatile u8 *)p;
  while (n--) *q++ = 0;
}

/* ---------------------------------------------------------------- ChaCha20 */

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d)                                                                                                 \
  a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c,  \
  b = ROTL(b, 7)

static void chacha_init(u32 st[16], u32 counter) {
  st[0] = 0x61707865, st[1] = 0x3320646e, st[2] = 0x79622d32, st[3] = 0x6b206574;
  for (int i = 0; i < 8; i++) st[4 + i] = ld32(key_buf + 4 * i);
  st[12] = counter;
  for (int i = 0; i < 3; i++) st[13 + i] = ld32(nonce_buf + 4 * i);
}

/* One 64-byte block of key stream, for the Poly1305 key and the tail. */
static void chacha_block(const u32 st[16], u32 counter, u8 out[64]) {
  u32 x[16];
  for (int i = 0; i < 16; i++) x[i] = st[i];
  x[12] = counter;
  for (int r = 0; r < 10; r++) {
    QR(x[0], x[4], x[8], x[12]), QR(x[1], x[5], x[9], x[13]), QR(x[2], x[6], x[10], x[14]), QR(x[3], x[7], x[11], x[15]);
    QR(x[0], x[5], x[10], x[15]), QR(x[1], x[6], x[11], x[12]), QR(x[2], x[7], x[8], x[13]), QR(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; i++) st32(out + 4 * i, x[i] + (i == 12 ? counter : st[i]));
  wipe(x, sizeof x);
}

#define VROTL16(x) wasm_i8x16_shuffle(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)
#define VROTL8(x) wasm_i8x16_shuffle(x, x, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)
#define VROTL(x, n) wasm_v128_or(wasm_i32x4_shl(x, n), wasm_u32x4_shr(x, 32 - (n)))
#define VQR(a, b, c, d)                                                                                                \
  a = wasm_i32x4_add(a, b), d = VROTL16(wasm_v128_xor(d, a)), c = wasm_i32x4_add(c, d),                              \
  b = VROTL(wasm_v128_xor(b, c), 12), a = wasm_i32x4_add(a, b), d = VROTL8(wasm_v128_xor(d, a)),                     \
  c = wasm_i32x4_add(c, d), b = VROTL(wasm_v128_xor(b, c), 7)

/* XORs four words of each of four blocks (lane j = block j) into in/out at word offset w. */
static inline void xor4(v128_t a, v128_t b, v128_t c, v128_t d, const u8 *in, u8 *out, int w) {
  v128_t t0 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
  v128_t t2 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
  v128_t blocks[4] = {wasm_i64x2_shuffle(t0, t2, 0, 2), wasm_i64x2_shuffle(t0, t2, 1, 3), wasm_i64x2_shuffle(t1, t3, 0, 2),
                      wasm_i64x2_shuffle(t1, t3, 1, 3)};
  for (int j = 0; j < 4; j++) {
    const u8 *src = in + 64 * j + 4 * w;
    wasm_v128_store(out + 64 * j + 4 * w, wasm_v128_xor(wasm_v128_load(src), blocks[j]));
  }
}

/* Four blocks (256 bytes) of in XOR key stream, counters counter..counter+3. */
static void chacha_4blocks(const u32 st[16], u32 counter, const u8 *in, u8 *out) {
  v128_t o[16], x[16];
  for (int i = 0; i < 16; i++) o[i] = wasm_i32x4_splat(st[i]);
  o[12] = wasm_i32x4_add(wasm_i32x4_splat(counter), wasm_i32x4_make(0, 1, 2, 3));
  for (int i = 0; i < 16; i++) x[i] = o[i];
  for (int r = 0; r < 10; r++) {
    VQR(x[0], x[4], x[8], x[12]), VQR(x[1], x[5], x[9], x[13]), VQR(x[2], x[6], x[10], x[14]), VQR(x[3], x[7], x[11], x[15]);
    VQR(x[0], x[5], x[10], x[15]), VQR(x[1], x[6], x[11], x[12]), VQR(x[2], x[7], x[8], x[13]), VQR(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; i++) x[i] = wasm_i32x4_add(x[i], o[i]);
  for (int w = 0; w < 16; w += 4) xor4(x[w], x[w + 1], x[w + 2], x[w + 3], in, out, w);
}

/* in XOR key stream from block `counter` on; in and out may be the same buffer. */
static void chacha_xor(const u32 st[16], u32 counter, const u8 *in, u8 *out, u32 len) {
  for (; len >= 256; len -= 256, in += 256, out += 256, counter += 4) chacha_4blocks(st, counter, in, out);
  u8 ks[64];
  for (; len > 0; counter++) {
    chacha_block(st, counter, ks);
    u32 n = len < 64 ? len : 64;
    for (u32 i = 0; i < n; i++) out[i] = in[i] ^ ks[i];
    in += n, out += n, len -= n;
  }
  wipe(ks, sizeof ks);
}

/* ---------------------------------------------------------------- Poly1305 */

typedef struct {
  u32 r[5], h[5], pad[4];
} poly1305;

static void poly_init(poly1305 *p, const u8 key[32]) {
  p->r[0] = (ld32(key + 0)) & 0x3ffffff;
  p->r[1] = (ld32(key + 3) >> 2) & 0x3ffff03;
  p->r[2] = (ld32(key + 6) >> 4) & 0x3ffc0ff;
  p->r[3] = (ld32(key + 9) >> 6) & 0x3f03fff;
  p->r[4] = (ld32(key + 12) >> 8) & 0x00fffff;
  for (int i = 0; i < 5; i++) p->h[i] = 0;
  for (int i = 0; i < 4; i++) p->pad[i] = ld32(key + 16 + 4 * i);
}

/* Whole 16-byte blocks only: the AEAD pads its input to 16 bytes with zeros. */
static void poly_blocks(poly1305 *p, const u8 *m, u32 len) {
  const u32 r0 = p->r[0], r1 = p->r[1], r2 = p->r[2], r3 = p->r[3], r4 = p->r[4];
  const u32 s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  u32 h0 = p->h[0], h1 = p->h[1], h2 = p->h[2], h3 = p->h[3], h4 = p->h[4];
  for (; len >= 16; len -= 16, m += 16) {
    h0 += (ld32(m + 0)) & 0x3ffffff;
    h1 += (ld32(m + 3) >> 2) & 0x3ffffff;
    h2 += (ld32(m + 6) >> 4) & 0x3ffffff;
    h3 += (ld32(m + 9) >> 6) & 0x3ffffff;
    h4 += (ld32(m + 12) >> 8) | (1 << 24);
    u64 d0 = (u64)h0 * r0 + (u64)h1 * s4 + (u64)h2 * s3 + (u64)h3 * s2 + (u64)h4 * s1;
    u64 d1 = (u64)h0 * r1 + (u64)h1 * r0 + (u64)h2 * s4 + (u64)h3 * s3 + (u64)h4 * s2;
    u64 d2 = (u64)h0 * r2 + (u64)h1 * r1 + (u64)h2 * r0 + (u64)h3 * s4 + (u64)h4 * s3;
    u64 d3 = (u64)h0 * r3 + (u64)h1 * r2 + (u64)h2 * r1 + (u64)h3 * r0 + (u64)h4 * s4;
    u64 d4 = (u64)h0 * r4 + (u64)h1 * r3 + (u64)h2 * r2 + (u64)h3 * r1 + (u64)h4 * r0;
    u32 c = (u32)(d0 >> 26);
    h0 = (u32)d0 & 0x3ffffff;
    d1 += c, c = (u32)(d1 >> 26), h1 = (u32)d1 & 0x3ffffff;
    d2 += c, c = (u32)(d2 >> 26), h2 = (u32)d2 & 0x3ffffff;
    d3 += c, c = (u32)(d3 >> 26), h3 = (u32)d3 & 0x3ffffff;
    d4 += c, c = (u32)(d4 >> 26), h4 = (u32)d4 & 0x3ffffff;
    h0 += c * 5, c = h0 >> 26, h0 &= 0x3ffffff;
    h1 += c;
  }
  p->h[0] = h0, p->h[1] = h1, p->h[2] = h2, p->h[3] = h3, p->h[4] = h4;
}

/* r^2 with every limb below 2^26 + 2^-something: the bound the two-lane products rely on. */
static void poly_r_squared(const poly1305 *p, u32 out[5]) {
  const u32 r0 = p->r[0], r1 = p->r[1], r2 = p->r[2], r3 = p->r[3], r4 = p->r[4];
  const u32 s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  u64 d0 = (u64)r0 * r0 + (u64)r1 * s4 + (u64)r2 * s3 + (u64)r3 * s2 + (u64)r4 * s1;
  u64 d1 = (u64)r0 * r1 + (u64)r1 * r0 + (u64)r2 * s4 + (u64)r3 * s3 + (u64)r4 * s2;
  u64 d2 = (u64)r0 * r2 + (u64)r1 * r1 + (u64)r2 * r0 + (u64)r3 * s4 + (u64)r4 * s3;
  u64 d3 = (u64)r0 * r3 + (u64)r1 * r2 + (u64)r2 * r1 + (u64)r3 * r0 + (u64)r4 * s4;
  u64 d4 = (u64)r0 * r4 + (u64)r1 * r3 + (u64)r2 * r2 + (u64)r3 * r1 + (u64)r4 * r0;
  u32 c = (u32)(d0 >> 26), h0 = (u32)d0 & 0x3ffffff, h1, h2, h3, h4;
  d1 += c, c = (u32)(d1 >> 26), h1 = (u32)d1 & 0x3ffffff;
  d2 += c, c = (u32)(d2 >> 26), h2 = (u32)d2 & 0x3ffffff;
  d3 += c, c = (u32)(d3 >> 26), h3 = (u32)d3 & 0x3ffffff;
  d4 += c, c = (u32)(d4 >> 26), h4 = (u32)d4 & 0x3ffffff;
  h0 += c * 5, c = h0 >> 26, h0 &= 0x3ffffff;
  h1 += c, c = h1 >> 26, h1 &= 0x3ffffff;
  h2 += c;
  out[0] = h0, out[1] = h1, out[2] = h2, out[3] = h3, out[4] = h4;
}

static inline v128_t lanes2(u32 a, u32 b) { return wasm_i32x4_make((int)a, (int)b, 0, 0); }

/*
 * 2 * pairs whole blocks, two at a time: lane 0 takes the even blocks, lane 1 the odd ones, each
 * multiplied by r^2 (the last odd one by r), then the lanes are added. The same polynomial as
 * poly_blocks, with the 32x32->64 products done two per instruction.
 */
static void poly_pairs(poly1305 *p, const u8 *m, u32 pairs) {
  u32 q[5];
  poly_r_squared(p, q);
  v128_t r[5], s[5], rl[5], sl[5];
  for (int i = 0; i < 5; i++) {
    r[i] = lanes2(q[i], q[i]), s[i] = lanes2(q[i] * 5, q[i] * 5);
    rl[i] = lanes2(q[i], p->r[i]), sl[i] = lanes2(q[i] * 5, p->r[i] * 5);
  }
  const v128_t mask = wasm_i64x2_splat(0x3ffffff);
  v128_t h[5];
  for (int i = 0; i < 5; i++) h[i] = lanes2(p->h[i], 0);
  for (u32 k = 0; k < pairs; k++, m += 32) {
    const v128_t *R = k + 1 < pairs ? r : rl, *S = k + 1 < pairs ? s : sl;
    h[0] = wasm_i32x4_add(h[0], lanes2(ld32(m) & 0x3ffffff, ld32(m + 16) & 0x3ffffff));
    h[1] = wasm_i32x4_add(h[1], lanes2((ld32(m + 3) >> 2) & 0x3ffffff, (ld32(m + 19) >> 2) & 0x3ffffff));
    h[2] = wasm_i32x4_add(h[2], lanes2((ld32(m + 6) >> 4) & 0x3ffffff, (ld32(m + 22) >> 4) & 0x3ffffff));
    h[3] = wasm_i32x4_add(h[3], lanes2((ld32(m + 9) >> 6) & 0x3ffffff, (ld32(m + 25) >> 6) & 0x3ffffff));
    h[4] = wasm_i32x4_add(h[4], lanes2((ld32(m + 12) >> 8) | (1 << 24), (ld32(m + 28) >> 8) | (1 << 24)));
#define MUL(a, b) wasm_u64x2_extmul_low_u32x4(a, b)
    v128_t d0 = wasm_i64x2_add(wasm_i64x2_add(wasm_i64x2_add(MUL(h[0], R[0]), MUL(h[1], S[4])), wasm_i64x2_add(MUL(h[2], S[3]), MUL(h[3], S[2]))), MUL(h[4], S[1]));
    v128_t d1 = wasm_i64x2_add(wasm_i64x2_add(wasm_i64x2_add(MUL(h[0], R[1]), MUL(h[1], R[0])), wasm_i64x2_add(MUL(h[2], S[4]), MUL(h[3], S[3]))), MUL(h[4], S[2]));
    v128_t d2 = wasm_i64x2_add(wasm_i64x2_add(wasm_i64x2_add(MUL(h[0], R[2]), MUL(h[1], R[1])), wasm_i64x2_add(MUL(h[2], R[0]), MUL(h[3], S[4]))), MUL(h[4], S[3]));
    v128_t d3 = wasm_i64x2_add(wasm_i64x2_add(wasm_i64x2_add(MUL(h[0], R[3]), MUL(h[1], R[2])), wasm_i64x2_add(MUL(h[2], R[1]), MUL(h[3], R[0]))), MUL(h[4], S[4]));
    v128_t d4 = wasm_i64x2_add(wasm_i64x2_add(wasm_i64x2_add(MUL(h[0], R[4]), MUL(h[1], R[3])), wasm_i64x2_add(MUL(h[2], R[2]), MUL(h[3], R[1]))), MUL(h[4], R[0]));
#undef MUL
    v128_t c = wasm_u64x2_shr(d0, 26);
    d0 = wasm_v128_and(d0, mask);
    d1 = wasm_i64x2_add(d1, c), c = wasm_u64x2_shr(d1, 26), d1 = wasm_v128_and(d1, mask);
    d2 = wasm_i64x2_add(d2, c), c = wasm_u64x2_shr(d2, 26), d2 = wasm_v128_and(d2, mask);
    d3 = wasm_i64x2_add(d3, c), c = wasm_u64x2_shr(d3, 26), d3 = wasm_v128_and(d3, mask);
    d4 = wasm_i64x2_add(d4, c), c = wasm_u64x2_shr(d4, 26), d4 = wasm_v128_and(d4, mask);
    d0 = wasm_i64x2_add(d0, wasm_i64x2_add(c, wasm_i64x2_shl(c, 2)));
    c = wasm_u64x2_shr(d0, 26), d0 = wasm_v128_and(d0, mask);
    d1 = wasm_i64x2_add(d1, c);
    /* back to 32-bit lanes 0 and 1 for the next products (all limbs are below 2^32 here) */
    h[0] = wasm_i32x4_shuffle(d0, d0, 0, 2, 0, 2), h[1] = wasm_i32x4_shuffle(d1, d1, 0, 2, 0, 2);
    h[2] = wasm_i32x4_shuffle(d2, d2, 0, 2, 0, 2), h[3] = wasm_i32x4_shuffle(d3, d3, 0, 2, 0, 2);
    h[4] = wasm_i32x4_shuffle(d4, d4, 0, 2, 0, 2);
  }
  u32 g[5];
  for (int i = 0; i < 5; i++) g[i] = (u32)wasm_i32x4_extract_lane(h[i], 0) + (u32)wasm_i32x4_extract_lane(h[i], 1);
  /*
   * The lane sums reach 2^27: carry them back below 2^26 (h1 a little above), the bound
   * poly_blocks' products and poly_finish assume. Without it, a tag taken straight after the
   * pairs was wrong (RFC 8439 A.3 #10); the AEAD escaped only because its length block follows.
   */
  u32 c = g[0] >> 26;
  g[0] &= 0x3ffffff;
  for (int i = 1; i < 5; i++) g[i] += c, c = g[i] >> 26, g[i] &= 0x3ffffff;
  g[0] += c * 5, c = g[0] >> 26, g[0] &= 0x3ffffff;
  g[1] += c;
  for (int i = 0; i < 5; i++) p->h[i] = g[i];
  wipe(g, sizeof g);
  wipe(q, sizeof q);
}

static void poly_finish(poly1305 *p, u8 tag[16]) {
  u32 h0 = p->h[0], h1 = p->h[1], h2 = p->h[2], h3 = p->h[3], h4 = p->h[4], c;
  c = h1 >> 26, h1 &= 0x3ffffff;
  h2 += c, c = h2 >> 26, h2 &= 0x3ffffff;
  h3 += c, c = h3 >> 26, h3 &= 0x3ffffff;
  h4 += c, c = h4 >> 26, h4 &= 0x3ffffff;
  h0 += c * 5, c = h0 >> 26, h0 &= 0x3ffffff;
  h1 += c;
  /* h - p, chosen without a branch when h >= p */
  u32 g0 = h0 + 5;
  c = g0 >> 26, g0 &= 0x3ffffff;
  u32 g1 = h1 + c;
  c = g1 >> 26, g1 &= 0x3ffffff;
  u32 g2 = h2 + c;
  c = g2 >> 26, g2 &= 0x3ffffff;
  u32 g3 = h3 + c;
  c = g3 >> 26, g3 &= 0x3ffffff;
  u32 g4 = h4 + c - (1u << 26);
  u32 mask = (g4 >> 31) - 1;
  g0 &= mask, g1 &= mask, g2 &= mask, g3 &= mask, g4 &= mask;
  mask = ~mask;
  h0 = (h0 & mask) | g0, h1 = (h1 & mask) | g1, h2 = (h2 & mask) | g2, h3 = (h3 & mask) | g3, h4 = (h4 & mask) | g4;
  h0 = h0 | (h1 << 26);
  h1 = (h1 >> 6) | (h2 << 20);
  h2 = (h2 >> 12) | (h3 << 14);
  h3 = (h3 >> 18) | (h4 << 8);
  u64 f = (u64)h0 + p->pad[0];
  st32(tag + 0, (u32)f);
  f = (u64)h1 + p->pad[1] + (f >> 32);
  st32(tag + 4, (u32)f);
  f = (u64)h2 + p->pad[2] + (f >> 32);
  st32(tag + 8, (u32)f);
  f = (u64)h3 + p->pad[3] + (f >> 32);
  st32(tag + 12, (u32)f);
  wipe(p, sizeof *p);
}

/* ---------------------------------------------------------------- the AEAD, no associated data */

/* Poly1305 of ciphertext || pad16 || le64(0) || le64(len), keyed by block 0 of the key stream. */
static void aead_tag(const u32 st[16], const u8 *ct, u32 len, u8 tag[16]) {
  u8 block0[64], last[16] = {0}, lengths[16] = {0};
  chacha_block(st, 0, block0);
  poly1305 p;
  poly_init(&p, block0);
  u32 pairs = len / 32;
  if (pairs > 0) poly_pairs(&p, ct, pairs);
  poly_blocks(&p, ct + 32 * pairs, (len - 32 * pairs) & ~15u);
  if (len & 15) {
    for (u32 i = 0; i < (len & 15); i++) last[i] = ct[(len & ~15u) + i];
    poly_blocks(&p, last, 16);
  }
  st32(lengths + 8, len);
  poly_blocks(&p, lengths, 16);
  poly_finish(&p, tag);
  wipe(block0, sizeof block0);
  wipe(last, sizeof last);
}

/*
 * For tests only: Poly1305 of in_buf[0..len) (whole blocks) keyed by key_buf, tag into out_buf.
 * `two_lane` runs the leading pairs through poly_pairs as the AEAD does, so both paths meet the
 * limb-overflow edge cases of RFC 8439 A.3 and a big-integer reference in the tests.
 */
__attribute__((export_name("poly1305_test"))) u32 poly1305_test(u32 len, u32 two_lane) {
  if ((len & 15) || len > MAX_MESSAGE) return 0;
  poly1305 p;
  poly_init(&p, key_buf);
  u32 pairs = two_lane ? len / 32 : 0;
  if (pairs > 0) poly_pairs(&p, in_buf, pairs);
  poly_blocks(&p, in_buf + 32 * pairs, len - 32 * pairs);
  poly_finish(&p, out_buf);
  wipe(key_buf, sizeof key_buf);
  return 16;
}

/* Seals in_buf[0..len) into out_buf: ciphertext then the 16-byte tag. Returns the sealed length. */
__attribute__((export_name("seal"))) u32 seal(u32 len) {
  if (len > MAX_MESSAGE - 16) return 0;
  u32 st[16];
  chacha_init(st, 1);
  chacha_xor(st, 1, in_buf, out_buf, len);
  aead_tag(st, out_buf, len, out_buf + len);
  wipe(st, sizeof st);
  wipe(key_buf, sizeof key_buf);
  return len + 16;
}

/* Opens in_buf[0..sealed_len) into out_buf, decrypting only after the tag verified. Returns 1 if it did. */
__attribute__((export_name("open"))) u32 open(u32 sealed_len) {
  if (sealed_len < 16 || sealed_len > MAX_MESSAGE) return 0;
  u32 len = sealed_len - 16, st[16];
  u8 tag[16];
  chacha_init(st, 1);
  aead_tag(st, in_buf, len, tag);
  u8 diff = 0;
  for (int i = 0; i < 16; i++) diff |= tag[i] ^ in_buf[len + i];
  if (diff == 0) chacha_xor(st, 1, in_buf, out_buf, len);
  wipe(st, sizeof st);
  wipe(tag, sizeof tag);
  wipe(key_buf, sizeof key_buf);
  return diff == 0;
}
