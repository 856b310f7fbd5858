// oneDNN's C API for Latent's convolutions (Debian package libdnnl-dev, oneDNN 2.x built on OpenMP).
#include <dnnl.h>
#include <stdint.h>

// The OpenMP runtime (libgomp) that Debian's libdnnl runs its threads on.
void omp_set_num_threads(int count);

// The sizes of one 2-D convolution in its forward direction, as Latent's ConvGeometry holds them
// (PyTorch's conventions: symmetric padding, dilation 1 for none).
typedef struct {
    int64_t batch, in_channels, in_height, in_width;
    int64_t out_channels, out_height, out_width;
    int64_t kernel_height, kernel_width, stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w, groups;
} cdnnl_geometry;

// Which product a primitive computes.
typedef enum { cdnnl_forward = 0, cdnnl_backward_data = 1, cdnnl_backward_weights = 2 } cdnnl_kind;

static inline void cdnnl_plain_desc(dnnl_memory_desc_t *desc, int ndims, const int64_t *dims, dnnl_format_tag_t tag) {
    dnnl_dims_t d = {0};
    for (int i = 0; i < ndims; i++) d[i] = dims[i];
    dnnl_memory_desc_init_by_tag(desc, ndims, d, dnnl_f32, tag);
}

// A convolution primitive, with the reorders between Latent's plain layouts and the blocked ones it
// runs on: index 0 and 1 for its two operands, 2 for its result (NULL where the layout is plain).
typedef struct {
    dnnl_primitive_t convolution;
    dnnl_primitive_t reorders[3];
    size_t blocked_bytes[3];
    size_t scratchpad_bytes;
} cdnnl_convolution;

// Releases the primitives of `conv` that were made.
static inline void cdnnl_convolution_destroy(cdnnl_convolution *conv) {
    if (conv->convolution) dnnl_primitive_destroy(conv->convolution);
    for (int i = 0; i < 3; i++) if (conv->reorders[i]) dnnl_primitive_destroy(conv->reorders[i]);
}

// The argument numbers of `kind`'s two operands and result.
static inline void cdnnl_arguments(cdnnl_kind kind, int args[3]) {
    switch (kind) {
    case cdnnl_forward:
        args[0] = DNNL_ARG_SRC; args[1] = DNNL_ARG_WEIGHTS; args[2] = DNNL_ARG_DST; break;
    case cdnnl_backward_data:
        args[0] = DNNL_ARG_DIFF_DST; args[1] = DNNL_ARG_WEIGHTS; args[2] = DNNL_ARG_DIFF_SRC; break;
    case cdnnl_backward_weights:
        args[0] = DNNL_ARG_SRC; args[1] = DNNL_ARG_DIFF_DST; args[2] = DNNL_ARG_DIFF_WEIGHTS; break;
    }
}

// The primitive for `kind` over plain nchw / (g)oihw buffers with a user-managed scratchpad, running on
// layouts of oneDNN's choosing when `blocked`. The forward primitive adds a bias when `with_bias`.
static inline dnnl_status_t cdnnl_convolution_create(
    dnnl_engine_t engine, cdnnl_kind kind, cdnnl_geometry g, int with_bias, int blocked, cdnnl_convolution *result
) {
    dnnl_memory_desc_t src, dst, weights, bias, any_src, any_dst, any_weights;
    int64_t src_dims[4] = {g.batch, g.in_channels, g.in_height, g.in_width};
    int64_t dst_dims[4] = {g.batch, g.out_channels, g.out_height, g.out_width};
    cdnnl_plain_desc(&src, 4, src_dims, dnnl_nchw);
    cdnnl_plain_desc(&dst, 4, dst_dims, dnnl_nchw);
    cdnnl_plain_desc(&any_src, 4, src_dims, blocked ? dnnl_format_tag_any : dnnl_nchw);
    cdnnl_plain_desc(&any_dst, 4, dst_dims, blocked ? dnnl_format_tag_any : dnnl_nchw);
    if (g.groups == 1) {
        int64_t dims[4] = {g.out_channels, g.in_channels, g.kernel_height, g.kernel_width};
        cdnnl_plain_desc(&weights, 4, dims, dnnl_oihw);
        cdnnl_plain_desc(&any_weights, 4, dims, blocked ? dnnl_format_tag_any : dnnl_oihw);
    } else {
        int64_t dims[5] = {g.groups, g.out_channels / g.groups, g.in_channels / g.groups, g.kernel_height, g.kernel_width};
        cdnnl_plain_desc(&weights, 5, dims, dnnl_goihw);
        cdnnl_plain_desc(&any_weights, 5, dims, blocked ? dnnl_format_tag_any : dnnl_goihw);
    }
    int64_t bias_dims[1] = {g.out_channels};
    cdnnl_plain_desc(&bias, 1, bias_dims, dnnl_x);
    int64_t span_h = (g.kernel_height - 1) * g.dilation_h + 1, span_w = (g.kernel_width - 1) * g.dilation_w + 1;
    dnnl_dims_t strides = {g.stride_h, g.stride_w};
    dnnl_dims_t dilates = {g.dilation_h - 1, g.dilation_w - 1};
    dnnl_dims_t pad_l = {g.pad_h, g.pad_w};
    dnnl_dims_t pad_r = {(g.out_height - 1) * g.stride_h + span_h - g.in_height - g.pad_h,
                         (g.out_width - 1) * g.stride_w + span_w - g.in_width - g.pad_w};
    const dnnl_memory_desc_t *plain[3];
    switch (kind) {
    case cdnnl_forward: plain[0] = &src; plain[1] = &weights; plain[2] = &dst; break;
    case cdnnl_backward_data: plain[0] = &dst; plain[1] = &weights; plain[2] = &src; break;
    case cdnnl_backward_weights: plain[0] = &src; plain[1] = &dst; plain[2] = &weights; break;
    }

    result->convolution = NULL;
    for (int i = 0; i < 3; i++) { result->reorders[i] = NULL; result->blocked_bytes[i] = 0; }
    dnnl_primitive_attr_t attr;
    dnnl_status_t status = dnnl_primitive_attr_create(&attr);
    if (status != dnnl_success) return status;
    status = dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
    dnnl_convolution_desc_t forward_desc, desc;
    dnnl_primitive_desc_t hint = NULL, pd = NULL;
    if (status == dnnl_success)
        status = dnnl_dilated_convolution_forward_desc_init(
            &forward_desc, dnnl_forward_training, dnnl_convolution_direct, &any_src, &any_weights,
            kind == cdnnl_forward && with_bias ? &bias : NULL, &any_dst, strides, dilates, pad_l, pad_r);
    if (status == dnnl_success)
        status = dnnl_primitive_desc_create(kind == cdnnl_forward ? &pd : &hint, &forward_desc, attr, engine, NULL);
    if (status == dnnl_success && kind == cdnnl_backward_data) {
        status = dnnl_dilated_convolution_backward_data_desc_init(
            &desc, dnnl_convolution_direct, &any_src, &any_weights, &any_dst, strides, dilates, pad_l, pad_r);
        if (status == dnnl_success) status = dnnl_primitive_desc_create(&pd, &desc, attr, engine, hint);
    } else if (status == dnnl_success && kind == cdnnl_backward_weights) {
        status = dnnl_dilated_convolution_backward_weights_desc_init(
            &desc, dnnl_convolution_direct, &any_src, &any_weights, NULL, &any_dst, strides, dilates, pad_l, pad_r);
        if (status == dnnl_success) status = dnnl_primitive_desc_create(&pd, &desc, attr, engine, hint);
    }
    int args[3];
    cdnnl_arguments(kind, args);
    for (int i = 0; i < 3 && status == dnnl_success; i++) {
        const dnnl_memory_desc_t *chosen = dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, args[i]);
        if (dnnl_memory_desc_equal(chosen, plain[i])) continue;
        dnnl_primitive_desc_t reorder_pd;
        status = i < 2 ? dnnl_reorder_primitive_desc_create(&reorder_pd, plain[i], engine, chosen, engine, NULL)
                       : dnnl_reorder_primitive_desc_create(&reorder_pd, chosen, engine, plain[i], engine, NULL);
        if (status == dnnl_success) {
            status = dnnl_primitive_create(&result->reorders[i], reorder_pd);
            dnnl_primitive_desc_destroy(reorder_pd);
        }
        result->blocked_bytes[i] = dnnl_memory_desc_get_size(chosen);
    }
    if (status == dnnl_success) {
        result->scratchpad_bytes = dnnl_memory_desc_get_size(dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0));
        status = dnnl_primitive_create(&result->convolution, pd);
    }
    if (status != dnnl_success) {
        cdnnl_convolution_destroy(result);
        result->convolution = NULL;
    }
    if (pd) dnnl_primitive_desc_destroy(pd);
    if (hint) dnnl_primitive_desc_destroy(hint);
    dnnl_primitive_attr_destroy(attr);
    return status;
}

// Wraps `handle` as the memory argument `arg` of the primitive described by `pd`, appending it to `args`.
static inline dnnl_status_t cdnnl_bind(
    const_dnnl_primitive_desc_t pd, dnnl_engine_t engine, int arg, void *handle, dnnl_exec_arg_t *args, int *count
) {
    const dnnl_memory_desc_t *md = dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, arg);
    args[*count].arg = arg;
    dnnl_status_t status = dnnl_memory_create(&args[*count].memory, md, engine, handle);
    if (status == dnnl_success) *count += 1;
    return status;
}

// Reorders `from` into `to` with `reorder`.
static inline dnnl_status_t cdnnl_reorder(
    dnnl_primitive_t reorder, dnnl_engine_t engine, dnnl_stream_t stream, void *from, void *to
) {
    const_dnnl_primitive_desc_t pd;
    dnnl_status_t status = dnnl_primitive_get_primitive_desc(reorder, &pd);
    dnnl_exec_arg_t args[2];
    int count = 0;
    if (status == dnnl_success) status = cdnnl_bind(pd, engine, DNNL_ARG_FROM, from, args, &count);
    if (status == dnnl_success) status = cdnnl_bind(pd, engine, DNNL_ARG_TO, to, args, &count);
    if (status == dnnl_success) status = dnnl_primitive_execute(reorder, stream, count, args);
    for (int i = 0; i < count; i++) dnnl_memory_destroy(args[i].memory);
    return status;
}

// Runs `conv` on `stream` and waits for it. For the forward product `a` is the image, `b` the weights,
// `c` the bias or NULL, `out` the map; for backward data `a` is the map's gradient, `b` the weights,
// `out` the image's gradient; for backward weights `a` is the image, `b` the map's gradient, `out` the
// weights' gradient. `work` holds the blocked copies, one after another, then the scratchpad, each
// starting on a 64-byte boundary.
static inline dnnl_status_t cdnnl_convolution_execute(
    const cdnnl_convolution *conv, dnnl_engine_t engine, dnnl_stream_t stream, cdnnl_kind kind,
    const float *a, const float *b, const float *c, float *out, char *work
) {
    int arg_ids[3];
    cdnnl_arguments(kind, arg_ids);
    void *handles[3] = {(void *)a, (void *)b, out};
    void *used[3];
    dnnl_status_t status = dnnl_success;
    for (int i = 0; i < 3; i++) {
        used[i] = handles[i];
        if (!conv->reorders[i]) continue;
        used[i] = work;
        work += (conv->blocked_bytes[i] + 63) / 64 * 64;
        if (i < 2 && status == dnnl_success) status = cdnnl_reorder(conv->reorders[i], engine, stream, handles[i], used[i]);
    }
    const_dnnl_primitive_desc_t pd;
    if (status == dnnl_success) status = dnnl_primitive_get_primitive_desc(conv->convolution, &pd);
    dnnl_exec_arg_t args[5];
    int count = 0;
    for (int i = 0; i < 3 && status == dnnl_success; i++)
        status = cdnnl_bind(pd, engine, arg_ids[i], used[i], args, &count);
    if (status == dnnl_success && c && kind == cdnnl_forward)
        status = cdnnl_bind(pd, engine, DNNL_ARG_BIAS, (void *)c, args, &count);
    if (status == dnnl_success && conv->scratchpad_bytes > 0)
        status = cdnnl_bind(pd, engine, DNNL_ARG_SCRATCHPAD, work, args, &count);
    if (status == dnnl_success) status = dnnl_primitive_execute(conv->convolution, stream, count, args);
    for (int i = 0; i < count; i++) dnnl_memory_destroy(args[i].memory);
    if (status == dnnl_success && conv->reorders[2])
        status = cdnnl_reorder(conv->reorders[2], engine, stream, used[2], out);
    if (status == dnnl_success) status = dnnl_stream_wait(stream);
    return status;
}
