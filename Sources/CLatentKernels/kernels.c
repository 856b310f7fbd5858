// The array kernels of CLatentKernels.h. On x86-64 each is compiled three times (AVX-512, AVX2 and the
// baseline) and the dynamic loader binds the widest one the processor supports when the program starts
// (an ifunc); elsewhere it is compiled once for the target. Fused multiply-adds are never formed:
// they would round differently from the separate multiply and add of the scalar definitions.
#pragma clang fp contract(off)

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // sincos
#endif
#include <math.h>

#include "CLatentKernels.h"

#if defined(__x86_64__) && defined(__ELF__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define LATENT_PER_ISA __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef LATENT_PER_ISA
#define LATENT_PER_ISA
#endif

LATENT_PER_ISA
void latent_exp_array(const float *x, float *y, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) y[i] = latent_exp(x[i]);
}

LATENT_PER_ISA
void latent_tanh_array(const float *x, float *y, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) y[i] = latent_tanh(x[i]);
}

LATENT_PER_ISA
void latent_sigmoid_array(const float *x, float *y, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) y[i] = latent_sigmoid(x[i]);
}

LATENT_PER_ISA
void latent_leaky_relu_array(const float *x, float *y, ptrdiff_t count, float slope) {
    for (ptrdiff_t i = 0; i < count; i++) y[i] = x[i] > 0.0f ? x[i] : x[i] * slope;
}

LATENT_PER_ISA
void latent_leaky_relu_backward_array(const float *g, const float *x, float *out, ptrdiff_t count, float slope) {
    for (ptrdiff_t i = 0; i < count; i++) out[i] = x[i] > 0.0f ? g[i] : g[i] * slope;
}

// max(log x, -100), as Swift's max(_:_:) orders its operands (NaN stays NaN).
static inline float clamped_log(float x) {
    float log = latent_log(x);
    return -100.0f >= log ? -100.0f : log;
}

// max(log(1 + x), -100), likewise.
static inline float clamped_log1p(float x) {
    float log = latent_log1p(x);
    return -100.0f >= log ? -100.0f : log;
}

LATENT_PER_ISA
void latent_binary_cross_entropy_array(const float *p, const float *y, float *out, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++)
        out[i] = (y[i] - 1.0f) * clamped_log1p(-p[i]) - y[i] * clamped_log(p[i]);
}

LATENT_PER_ISA
void latent_binary_cross_entropy_target_gradient_array(const float *g, const float *p, float *out, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) out[i] = g[i] * (clamped_log1p(-p[i]) - clamped_log(p[i]));
}

LATENT_PER_ISA
void latent_binary_cross_entropy_with_logits_array(const float *x, const float *y, float *out, ptrdiff_t count) {
    for (ptrdiff_t i = 0; i < count; i++) {
        float positive = 0.0f >= x[i] ? 0.0f : x[i];
        out[i] = positive - x[i] * y[i] + latent_log1p(latent_exp(-__builtin_fabsf(x[i])));
    }
}

LATENT_PER_ISA
void latent_binary_cross_entropy_with_logits_gradient_array(
    const float *g, const float *x, const float *y, float *out, ptrdiff_t count
) {
    for (ptrdiff_t i = 0; i < count; i++) out[i] = g[i] * (latent_sigmoid(x[i]) - y[i]);
}

// a + w (b - a), evaluated as PyTorch's lerp (from b when w >= 1/2).
static inline float lerp(float a, float b, float w) {
    return w < 0.5f ? a + w * (b - a) : b - (b - a) * (1.0f - w);
}

LATENT_PER_ISA
void latent_adam_update(float *theta, const float *g, float *m, float *v, float *v_max, ptrdiff_t count,
                        latent_adam_constants c) {
    if (c.shrink != 1.0f) {
        for (ptrdiff_t i = 0; i < count; i++) theta[i] *= c.shrink;
    }
    if (v_max) {
        for (ptrdiff_t i = 0; i < count; i++) {
            float grad = g[i] + c.l2 * theta[i];
            m[i] = lerp(m[i], grad, c.weight1);
            v[i] = v[i] * c.beta2 + c.keep2 * grad * grad;
            v_max[i] = v[i] >= v_max[i] ? v[i] : v_max[i];
            theta[i] += -c.step_size * (m[i] / (__builtin_elementwise_sqrt(v_max[i]) / c.bias_correction2_sqrt + c.eps));
        }
        return;
    }
    for (ptrdiff_t i = 0; i < count; i++) {
        float grad = g[i] + c.l2 * theta[i];
        float mean = lerp(m[i], grad, c.weight1);
        float square = v[i] * c.beta2 + c.keep2 * grad * grad;
        m[i] = mean;
        v[i] = square;
        theta[i] += -c.step_size * (mean / (__builtin_elementwise_sqrt(square) / c.bias_correction2_sqrt + c.eps));
    }
}

// Eight float lanes, as Swift's SIMD8<Float>.
typedef float latent_lanes8 __attribute__((ext_vector_type(8)));

LATENT_PER_ISA
void latent_shifted_sums(const float *a, float ka, const float *b, float kb, ptrdiff_t count,
                         double *first, double *second) {
    double total1 = 0, total2 = 0;
    for (ptrdiff_t start = 0; start < count; start += 1024) {
        ptrdiff_t end = count - start < 1024 ? count : start + 1024;
        latent_lanes8 lanes1 = 0, lanes2 = 0;
        ptrdiff_t j = start;
        for (; j + 8 <= end; j += 8) {
            latent_lanes8 u, w;
            __builtin_memcpy(&u, a + j, sizeof u);
            __builtin_memcpy(&w, b + j, sizeof w);
            u -= ka;
            w -= kb;
            lanes1 += u;
            lanes2 += u * w;
        }
        float tail1 = 0, tail2 = 0;
        for (; j < end; j++) {
            float u = a[j] - ka;
            tail1 += u;
            tail2 += u * (b[j] - kb);
        }
        // The lanes are added first to last, from -0, as Swift's SIMD8.sum().
        float sum1 = -0.0f, sum2 = -0.0f;
        for (int k = 0; k < 8; k++) {
            sum1 += lanes1[k];
            sum2 += lanes2[k];
        }
        total1 += (double)sum1 + (double)tail1;
        total2 += (double)sum2 + (double)tail2;
    }
    *first = total1;
    *second = total2;
}

void latent_normal_pairs(const uint64_t *words, float *out, ptrdiff_t first, ptrdiff_t end, ptrdiff_t count,
                         float mean, float std) {
    for (ptrdiff_t pair = first; pair < end; pair++) {
        // Both integers are below 2^53, so converting them as signed ones is exact (and quicker).
        double u1 = (double)(int64_t)((words[2 * pair] >> 11) + 1) * (1.0 / 9007199254740992.0);
        double u2 = (double)(int64_t)(words[2 * pair + 1] >> 11) * (1.0 / 9007199254740992.0);
        double radius = sqrt(-2 * log(u1));
        double angle = 2 * 3.141592653589793 * u2;
        double sine, cosine;
#ifdef __GLIBC__
        sincos(angle, &sine, &cosine);
#else
        sine = sin(angle);
        cosine = cos(angle);
#endif
        out[2 * pair] = mean + std * (float)(radius * cosine);
        if (2 * pair + 1 < count) out[2 * pair + 1] = mean + std * (float)(radius * sine);
    }
}
