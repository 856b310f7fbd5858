// oneDNN's C API for Latent's convolutions (Debian package libdnnl-dev, oneDNN 2.x built on OpenMP).
//
// libdnnl is opened at run time, at the first convolution, rather than linked: libdnnl brings in the
// OpenMP runtime (libgomp), which reads its settings from the environment once, when it loads. Loading
// it late lets a program choose those settings first (OpenMPWaitPolicy in LatentTensor), and lets
// Latent run, on its own convolution kernels, where libdnnl is not installed.
#ifndef CDNNL_H
#define CDNNL_H

#include <dnnl_types.h>
#include <stddef.h>
#include <stdint.h>

// Opens libdnnl and finds the functions below use; returns 1 when it could, 0 otherwise (then none of
// the functions below may be called). Safe to call more than once, from one thread at a time.
int cdnnl_open(void);

// Whether the OpenMP runtime is already loaded into this process, so that environment variables set now
// no longer reach it.
int cdnnl_openmp_loaded(void);

// Creates the CPU engine and an in-order stream on it.
dnnl_status_t cdnnl_device_create(dnnl_engine_t *engine, dnnl_stream_t *stream);

// Sets the number of OpenMP threads of the calling thread's next parallel regions.
void cdnnl_set_num_threads(int count);

// The sizes of one 2-D convolution in its forward direction, as Latent's ConvGeometry holds them
// (PyTorch's conventions: symmetric padding, dilation 1 for none).
typedef struct {
    int64_t batch, in_channels, in_height, in_width;
    int64_t out_channels, out_height, out_width;
    int64_t kernel_height, kernel_width, stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w, groups;
} cdnnl_geometry;

// Which product a primitive computes.
typedef enum { cdnnl_forward = 0, cdnnl_backward_data = 1, cdnnl_backward_weights = 2 } cdnnl_kind;

// A convolution primitive, with the reorders between Latent's plain layouts and the blocked ones it
// runs on: index 0 and 1 for its two operands, 2 for its result (NULL where the layout is plain).
typedef struct {
    dnnl_primitive_t convolution;
    dnnl_primitive_t reorders[3];
    size_t blocked_bytes[3];
    size_t scratchpad_bytes;
} cdnnl_convolution;

// Releases the primitives of `conv` that were made.
void cdnnl_convolution_destroy(cdnnl_convolution *conv);

// The primitive for `kind` over plain nchw / (g)oihw buffers with a user-managed scratchpad, running on
// layouts of oneDNN's choosing when `blocked`. The forward primitive adds a bias when `with_bias`.
dnnl_status_t cdnnl_convolution_create(
    dnnl_engine_t engine, cdnnl_kind kind, cdnnl_geometry g, int with_bias, int blocked, cdnnl_convolution *result);

// Runs `conv` on `stream` and waits for it. For the forward product `a` is the image, `b` the weights,
// `c` the bias or NULL, `out` the map; for backward data `a` is the map's gradient, `b` the weights,
// `out` the image's gradient; for backward weights `a` is the image, `b` the map's gradient, `out` the
// weights' gradient. `work` holds the blocked copies, one after another, then the scratchpad, each
// starting on a 64-byte boundary.
dnnl_status_t cdnnl_convolution_execute(
    const cdnnl_convolution *conv, dnnl_engine_t engine, dnnl_stream_t stream, cdnnl_kind kind,
    const float *a, const float *b, const float *c, float *out, char *work);

#endif
