// Latent's hot element-wise kernels in C, compiled once per instruction set and chosen when the program
// starts (AVX-512, AVX2, or the baseline of the target), so that one binary runs on any processor of its
// architecture and uses the widest vectors it has.
//
// Every kernel performs the same operations in the same order as its scalar definition, with no
// contraction into fused multiply-adds, so that each instruction set gives the same bits.
#ifndef CLATENTKERNELS_H
#define CLATENTKERNELS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

// Branch-free, vectorizable exp, tanh, logistic sigmoid, log and log1p, accurate to a few units in the
// last place (tested against the C library), for loops that call them millions of times. They are marked
// always-inline, but Swift's whole-module build inlines them only into code emitted with the file that calls
// them, not into generic kernels specialized elsewhere: hot loops use the array kernels below.
#define LATENT_INLINE static inline __attribute__((always_inline))

// 2^n for an integer n from -126 to 127, built from its exponent bits.
LATENT_INLINE float latent_power_of_two(int32_t n) {
    uint32_t bits = (uint32_t)(n + 127) << 23;
    float result;
    memcpy(&result, &bits, sizeof result);
    return result;
}

// e^x: infinity above 88.72, zero below -103.97 (where the true value is under the smallest
// subnormal), NaN for NaN.
LATENT_INLINE float latent_exp(float x) {
#pragma clang fp contract(off)
    // e^x = 2^n * e^r with n = round(x / ln 2) and |r| <= ln 2 / 2; ln 2 is split in two parts so that
    // r is exact. The polynomial is Cephes' minimax fit of e^r on that interval.
    float clamped = x != x ? 0.0f : (x < -103.97f ? -103.97f : x);
    clamped = clamped > 88.73f ? 88.73f : clamped;
    // Adding and subtracting 1.5 * 2^23 rounds to the nearest integer, ties to even, for |t| < 2^22.
    float t = clamped * 1.44269504f;
    float n = (t + 12582912.0f) - 12582912.0f;
    float r = clamped - n * 0.693359375f + n * 2.1219444e-4f;
    float p = 1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.3334519e-3f;
    p = p * r + 4.16657959e-2f;
    p = p * r + 0.166666655f;
    p = p * r + 0.50000001f;
    p = p * r * r + r + 1.0f;
    // 2^n as two factors keeps both exponents within the normal range for n from -150 to 128.
    int32_t whole = (int32_t)n, half = whole >> 1;
    float result = p * latent_power_of_two(half) * latent_power_of_two(whole - half);
    if (x != x) return x;
    return x > 88.73f ? __builtin_inff() : (x < -103.9f ? 0.0f : result);
}

// The hyperbolic tangent.
LATENT_INLINE float latent_tanh(float x) {
#pragma clang fp contract(off)
    float a = __builtin_fabsf(x);
    // Near zero, the Taylor series through x^15 (error below 1e-7 relative for |x| < 0.5) avoids the
    // cancellation of 1 - 2/(e^(2|x|) + 1).
    float s = a * a;
    float p = -929569.0f / 638512875.0f;
    p = p * s + 21844.0f / 6081075.0f;
    p = p * s - 1382.0f / 155925.0f;
    p = p * s + 62.0f / 2835.0f;
    p = p * s - 17.0f / 315.0f;
    p = p * s + 2.0f / 15.0f;
    p = p * s - 1.0f / 3.0f;
    float small = a + a * s * p;
    float large = 1.0f - 2.0f / (latent_exp(2.0f * a) + 1.0f);
    float magnitude = a < 0.5f ? small : large;
    if (x != x) return x;
    return x < 0.0f ? -magnitude : magnitude;
}

// The logistic sigmoid 1 / (1 + e^-x).
LATENT_INLINE float latent_sigmoid(float x) {
#pragma clang fp contract(off)
    // For negative x, e^x / (1 + e^x) keeps relative accuracy where the result is tiny.
    float e = latent_exp(-__builtin_fabsf(x));
    float positive = 1.0f / (1.0f + e);
    return x >= 0.0f ? positive : (x != x ? x : e * positive);
}

// The natural logarithm: -infinity at 0, NaN below 0 and for NaN, infinity at infinity; subnormal
// inputs included.
LATENT_INLINE float latent_log(float x) {
#pragma clang fp contract(off)
    // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m from Cephes' minimax polynomial in f = m - 1.
    int subnormal = x < 1.17549435e-38f;
    float scaled = subnormal ? x * 8388608.0f : x;  // 2^23 lifts subnormals into the normal range
    uint32_t bits;
    memcpy(&bits, &scaled, sizeof bits);
    float e = (float)((int32_t)((bits >> 23) & 0xFF) - 126) - (subnormal ? 23.0f : 0.0f);
    uint32_t mantissa = (bits & 0x007FFFFFu) | 0x3F000000u;  // in [0.5, 1)
    float m;
    memcpy(&m, &mantissa, sizeof m);
    int below = m < 0.70710678f;
    e = below ? e - 1.0f : e;
    m = below ? m + m - 1.0f : m - 1.0f;
    float z = m * m;
    float y = 7.0376836e-2f;
    y = y * m - 0.1151461f;
    y = y * m + 0.11676999f;
    y = y * m - 0.12420141f;
    y = y * m + 0.14249323f;
    y = y * m - 0.16668058f;
    y = y * m + 0.20000715f;
    y = y * m - 0.24999994f;
    y = y * m + 0.33333331f;
    y = y * m * z;
    y += -2.1219444e-4f * e;
    y += -0.5f * z;
    float result = m + y + 0.693359375f * e;
    if (x == 0.0f) return -__builtin_inff();
    if (!(x > 0.0f)) return __builtin_nanf("");
    return x == __builtin_inff() ? __builtin_inff() : result;
}

// log(1 + x), accurate for tiny x: -infinity at -1, NaN below -1.
LATENT_INLINE float latent_log1p(float x) {
#pragma clang fp contract(off)
    // log(u) * x / (u - 1) with u = 1 + x cancels the rounding error of u (Goldberg's trick).
    float u = 1.0f + x;
    float corrected = latent_log(u) * (x / (u - 1.0f));
    if (x == __builtin_inff()) return x;
    return u == 1.0f ? x : (u == 0.0f ? -__builtin_inff() : corrected);
}

// y[i] = e^x[i] for i < count.
void latent_exp_array(const float *x, float *y, ptrdiff_t count);
// y[i] = tanh(x[i]) for i < count.
void latent_tanh_array(const float *x, float *y, ptrdiff_t count);
// y[i] = sigmoid(x[i]) for i < count.
void latent_sigmoid_array(const float *x, float *y, ptrdiff_t count);
// y[i] = x[i] where positive, slope * x[i] elsewhere, for i < count (the leaky ReLU).
void latent_leaky_relu_array(const float *x, float *y, ptrdiff_t count, float slope);
// out[i] = g[i] where x[i] is positive, g[i] * slope elsewhere, for i < count (the leaky ReLU's gradient).
void latent_leaky_relu_backward_array(const float *g, const float *x, float *out, ptrdiff_t count, float slope);

// The binary cross-entropy terms, as PyTorch's with reduction 'none' (each log clamped at -100):
// out[i] = (y - 1) max(log(1 - p), -100) - y max(log p, -100) for p = p[i], y = y[i].
void latent_binary_cross_entropy_array(const float *p, const float *y, float *out, ptrdiff_t count);
// Its gradient with respect to the targets: out[i] = g[i] (max(log(1 - p[i]), -100) - max(log p[i], -100)).
void latent_binary_cross_entropy_target_gradient_array(const float *g, const float *p, float *out, ptrdiff_t count);
// The binary cross-entropy of sigmoid(x) with y, computed stably: out[i] = max(x, 0) - x y + log(1 + e^-|x|).
void latent_binary_cross_entropy_with_logits_array(const float *x, const float *y, float *out, ptrdiff_t count);
// Its gradient with respect to the logits: out[i] = g[i] (sigmoid(x[i]) - y[i]).
void latent_binary_cross_entropy_with_logits_gradient_array(
    const float *g, const float *x, const float *y, float *out, ptrdiff_t count);

// The constants of one Adam update (PyTorch's single-tensor Adam and AdamW).
typedef struct {
    float shrink;                  // 1 - lr * decoupled decay; 1 for none
    float l2;                      // L2 penalty added to the gradient
    float weight1;                 // 1 - beta1
    float beta2, keep2;            // beta2 and 1 - beta2
    float step_size;               // lr / (1 - beta1^t)
    float bias_correction2_sqrt;   // sqrt(1 - beta2^t)
    float eps;
} latent_adam_constants;

// One Adam update of `count` parameters `theta` with gradient `g`, first moment `m` and second moment
// `v`; `v_max` is the running maximum of `v` with amsgrad, NULL without.
void latent_adam_update(float *theta, const float *g, float *m, float *v, float *v_max, ptrdiff_t count,
                        latent_adam_constants constants);

// The sums over `count` contiguous values of (a - ka) and of (a - ka) * (b - kb), in blocks of 1,024:
// each block in eight float lanes (plus a float tail), added up in double.
void latent_shifted_sums(const float *a, float ka, const float *b, float kb, ptrdiff_t count,
                         double *first, double *second);

// Box–Muller: for each pair i in [first, end), the two standard normal values z1, z2 of the 64-bit random
// words words[2i] and words[2i + 1] (u1 = ((w1 >> 11) + 1) / 2^53 in (0, 1], u2 = (w2 >> 11) / 2^53,
// z = sqrt(-2 log u1) (cos, sin)(2π u2) in double, then rounded to float), stored as mean + std * z1 in out[2i]
// and mean + std * z2 in out[2i + 1] when 2i + 1 < count. The sine and cosine come from one sincos call
// where the C library has it, which gives the same bits as sin and cos apart.
void latent_normal_pairs(const uint64_t *words, float *out, ptrdiff_t first, ptrdiff_t end, ptrdiff_t count,
                         float mean, float std);

#endif
